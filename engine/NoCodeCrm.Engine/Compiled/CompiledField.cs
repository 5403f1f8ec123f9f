using NoCodeCrm.Engine.Fields;
using NoCodeCrm.Engine.Metadata;
using NoCodeCrm.Engine.Schema;

namespace NoCodeCrm.Engine.Compiled;

/// <summary>A live field with its type handler and quoted column, resolved once per model version.</summary>
public sealed record CompiledField(FieldDefinition Definition, FieldTypeHandler Handler)
{
    public string Name => Definition.Name;
    public FieldType Type => Definition.Type;
    public string Column { get; } = Sql.Quote(Definition.Name);
    // Autonumbers come from a sequence and rollups from related records; neither is written through the API.
    public bool IsWritable => Definition.Type != FieldType.Autonumber && Definition.Rollup is null;
}
