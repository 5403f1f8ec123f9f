using NoCodeCrm.Engine.Metadata;

namespace NoCodeCrm.Engine.Fields;

/// <summary>A reference to a user of the CRM (its uuid).</summary>
public sealed class UserFieldType : ReferenceFieldTypeBase
{
    public override FieldType Type => FieldType.User;
    protected override string Referenced => "user";
}
