using System.Text.Json;
using NoCodeCrm.Engine.Records;

namespace NoCodeCrm.Runtime.Apis;

/// <summary>Writes a JSON object straight to the response with the records' writer settings, for bodies that stream records.</summary>
public static class JsonObjectResponse
{
    public static async Task WriteAsync(HttpContext http, Action<Utf8JsonWriter> body, CancellationToken ct)
    {
        http.Response.ContentType = "application/json; charset=utf-8";
        await using var writer = new Utf8JsonWriter(http.Response.Body, RecordJsonWriter.WriterOptions);
        writer.WriteStartObject();
        body(writer);
        writer.WriteEndObject();
        await writer.FlushAsync(ct);
    }
}
