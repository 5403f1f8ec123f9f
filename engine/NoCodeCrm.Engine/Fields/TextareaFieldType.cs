using NoCodeCrm.Engine.Metadata;

namespace NoCodeCrm.Engine.Fields;

/// <summary>The textarea field type.</summary>
public sealed class TextareaFieldType : TextFieldTypeBase
{
    public override FieldType Type => FieldType.Textarea;
}
