using System.Collections.Frozen;
using NoCodeCrm.Engine.Compiled;
using NoCodeCrm.Engine.Fields;
using NoCodeCrm.Engine.Metadata;

namespace NoCodeCrm.Engine.Query;

/// <summary>System columns as fields, so <c>$filter</c> and <c>$orderby</c> can use <c>created_at</c>, <c>owner</c>, <c>id</c>…</summary>
internal static class SystemFields
{
    public static readonly FrozenDictionary<string, CompiledField> All = new (string Name, FieldType Type)[]
    {
        ("id", FieldType.User), ("version", FieldType.Integer), ("created_at", FieldType.Datetime), ("created_by", FieldType.User),
        ("updated_at", FieldType.Datetime), ("updated_by", FieldType.User), ("owner", FieldType.User),
        ("owning_team", FieldType.User), ("owning_department", FieldType.User),
    }.ToFrozenDictionary(f => f.Name, f => new CompiledField(new FieldDefinition { Name = f.Name, Type = f.Type }, FieldTypes.Get(f.Type)), StringComparer.Ordinal);
}
