using System.Text.Json;
using Microsoft.Net.Http.Headers;
using NoCodeCrm.Engine.Errors;

namespace NoCodeCrm.Runtime.Apis;

/// <summary>Reads request bodies and concurrency headers the same way for every endpoint.</summary>
public static class HttpBody
{
    public const long MaxBodyBytes = 10 * 1024 * 1024;

    public static async Task<JsonElement> ReadJsonAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > MaxBodyBytes)
            throw new CrmException(CrmErrorKind.BadRequest, "bodyTooLarge", $"The body may be at most {MaxBodyBytes / 1024 / 1024} MB.");
        using var document = await JsonDocument.ParseAsync(request.Body, new JsonDocumentOptions { MaxDepth = 64 }, ct);
        return document.RootElement.Clone();
    }

    public static async Task<string> ReadTextAsync(HttpRequest request, CancellationToken ct)
    {
        using var reader = new StreamReader(request.Body);
        var text = await reader.ReadToEndAsync(ct);
        if (text.Length > MaxBodyBytes) throw new CrmException(CrmErrorKind.BadRequest, "bodyTooLarge", "The body is too large.");
        return text;
    }

    /// <summary>Reads <c>If-Match: "7"</c> (also <c>W/"7"</c> or <c>7</c>) as a version number; null when absent.</summary>
    public static int? IfMatch(HttpRequest request)
    {
        var header = request.Headers[HeaderNames.IfMatch].ToString();
        if (string.IsNullOrWhiteSpace(header) || header.Trim() == "*") return null;
        var text = header.Trim();
        if (text.StartsWith("W/", StringComparison.Ordinal)) text = text[2..];
        text = text.Trim('"');
        return int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var version)
            ? version
            : throw new CrmException(CrmErrorKind.BadRequest, "invalidIfMatch", "If-Match must be a version ETag such as \"3\".",
                [new CrmError("If-Match", "invalidIfMatch", "Expected a version ETag such as \"3\".")]);
    }

    public static string ETag(int version) => $"\"{version}\"";
}
