using System.Text.Encodings.Web;

namespace NoCodeCrm.Engine.Json;

/// <summary>The one JSON text encoder of the engine and the API: "Şahin" and "O'Brien" are written as they are.</summary>
public static class JsonEncoding
{
    /// <summary>
    /// Relaxed escaping keeps Turkish letters and quotes readable; it is safe because every response is
    /// <c>application/json</c> sent with <c>X-Content-Type-Options: nosniff</c>, never embedded in HTML.
    /// </summary>
    public static JavaScriptEncoder Encoder => JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
}
