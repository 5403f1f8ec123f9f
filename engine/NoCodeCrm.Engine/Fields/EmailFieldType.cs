using NoCodeCrm.Engine.Metadata;

namespace NoCodeCrm.Engine.Fields;

/// <summary>An e-mail address, checked by the JSON Schema <c>email</c> format.</summary>
public sealed class EmailFieldType : TextFieldTypeBase
{
    public override FieldType Type => FieldType.Email;
    protected override string Format => "email";
}
