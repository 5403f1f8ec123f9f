using System.Text.Json;
using NoCodeCrm.Engine.Metadata;

namespace NoCodeCrm.Engine.Fields;

/// <summary>An absolute http(s) address.</summary>
public sealed class UrlFieldType : TextFieldTypeBase
{
    public override FieldType Type => FieldType.Url;
    protected override string Format => "uri";

    public override FieldValue Read(JsonElement value, FieldDefinition field)
    {
        var result = base.Read(value, field);
        if (!result.IsValid) return result;
        return Uri.TryCreate((string)result.Value!, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? result
            : FieldValue.Invalid("Expected an absolute http or https address.");
    }
}
