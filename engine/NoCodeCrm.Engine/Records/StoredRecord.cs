using NoCodeCrm.Engine.Compiled;
using NoCodeCrm.Engine.Schema;

namespace NoCodeCrm.Engine.Records;

/// <summary>A CRM record as read from its table: system columns then live fields, in the compiled entity's order.</summary>
public sealed class StoredRecord(CompiledEntity entity, object?[] values)
{
    public CompiledEntity Entity { get; } = entity;
    /// <summary>Values in <see cref="CompiledEntity.SelectList"/> order (system columns first).</summary>
    public object?[] Values { get; } = values;
    public Guid Id => (Guid)Values[0]!;
    public int Version => (int)Values[1]!;
    public DateTime? DeletedAt => Values[SystemColumns.EntityNames.Count - 1] as DateTime?;
    public Guid? Owner => Values[6] as Guid?;
    /// <summary>Looked-up records inlined by <c>$expand</c>, by lookup field name.</summary>
    public Dictionary<string, StoredRecord?>? Expanded { get; set; }
    /// <summary>Fields the reader may not see (field-level security); the JSON writer leaves them out.</summary>
    public IReadOnlySet<string>? Hidden { get; set; }

    public object? this[string field]
    {
        get
        {
            var index = IndexOf(field);
            return index < 0 ? null : Values[index];
        }
    }

    public int IndexOf(string name) => Entity.ValueIndex.GetValueOrDefault(name, -1);
}
