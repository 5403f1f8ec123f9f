using NoCodeCrm.Engine.Metadata;

namespace NoCodeCrm.Engine.Fields;

/// <summary>An N:1 reference to a record of the target entity: a uuid column with a foreign key and an index.</summary>
public sealed class LookupFieldType : ReferenceFieldTypeBase
{
    public override FieldType Type => FieldType.Lookup;
    protected override string Referenced => "record";
    public override FieldSettings AllowedSettings => FieldSettings.Target;

    public override IEnumerable<(string Path, string Code, string Message)> ValidateDefinition(FieldDefinition field)
    {
        foreach (var error in base.ValidateDefinition(field)) yield return error;
        if (field.Target is null) yield return ("target", "targetRequired", "A lookup needs a target entity.");
    }
}
