using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace NoCodeCrm.Runtime.Tests.Infrastructure;

/// <summary>Small helpers to send JSON and read JSON answers with their status.</summary>
public static class HttpJson
{
    public static async Task<(HttpStatusCode Status, JsonNode? Body, HttpResponseMessage Response)> SendAsync(
        this HttpClient client, HttpMethod method, string url, object? body = null, string? ifMatch = null)
    {
        using var request = new HttpRequestMessage(method, url);
        if (body is not null)
            request.Content = new StringContent(body as string ?? JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, string.IsNullOrWhiteSpace(text) ? null : JsonNode.Parse(text), response);
    }

    public static Task<(HttpStatusCode Status, JsonNode? Body, HttpResponseMessage Response)> GetJsonAsync(this HttpClient client, string url) =>
        client.SendAsync(HttpMethod.Get, url);

    public static Task<(HttpStatusCode Status, JsonNode? Body, HttpResponseMessage Response)> PostJsonAsync(this HttpClient client, string url, object body) =>
        client.SendAsync(HttpMethod.Post, url, body);

    public static Task<(HttpStatusCode Status, JsonNode? Body, HttpResponseMessage Response)> PatchJsonAsync(this HttpClient client, string url, object body, string? ifMatch = null) =>
        client.SendAsync(HttpMethod.Patch, url, body, ifMatch);

    public static Task<(HttpStatusCode Status, JsonNode? Body, HttpResponseMessage Response)> PutJsonAsync(this HttpClient client, string url, object body, string? ifMatch = null) =>
        client.SendAsync(HttpMethod.Put, url, body, ifMatch);

    /// <summary>The paths named by a problem-details response.</summary>
    public static string[] ErrorPaths(this JsonNode? problem) =>
        problem?["errors"]?.AsArray().Select(e => e!["path"]!.GetValue<string>()).ToArray() ?? [];
}
