using NoCodeCrm.Engine.Metadata;

namespace NoCodeCrm.Engine.Fields;

/// <summary>The phone field type.</summary>
public sealed class PhoneFieldType : TextFieldTypeBase
{
    public override FieldType Type => FieldType.Phone;
}
