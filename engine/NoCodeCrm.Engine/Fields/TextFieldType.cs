using NoCodeCrm.Engine.Metadata;

namespace NoCodeCrm.Engine.Fields;

/// <summary>The text field type.</summary>
public sealed class TextFieldType : TextFieldTypeBase
{
    public override FieldType Type => FieldType.Text;
}
