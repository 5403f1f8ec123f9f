using System.Net;
using System.Text.Json.Nodes;

namespace NoCodeCrm.Runtime.Tests.Infrastructure;

/// <summary>Records consent decisions through <c>POST /api/consents</c>, as a user would before sending commercial messages.</summary>
public static class Consents
{
    public static async Task<JsonNode> RecordAsync(HttpClient client, string personId, string channel, string status = "granted",
        string purpose = "marketing", string source = "web form", string? recipient = null)
    {
        var (code, body, _) = await client.PostJsonAsync("/api/consents",
            new { person = personId, channel, purpose, status, source, recipient, proof = new { ip = "203.0.113.7", userAgent = "test browser" } });
        Assert.True(code == HttpStatusCode.Created, $"recording {status} {channel} consent failed: {code} {body}");
        return body!;
    }

    public static Task<JsonNode> GrantAsync(HttpClient client, string personId, string channel) => RecordAsync(client, personId, channel);
}
