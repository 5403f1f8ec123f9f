using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace NoCodeCrm.Engine.Messaging.Http;

/// <summary>
/// Sends SMS, WhatsApp and push messages by POSTing <c>{channel,to,text,subject,reference}</c> to the provider endpoint
/// configured for the channel (usually a small gateway in front of the provider's own API).
/// </summary>
public sealed class HttpChannelAdapter(HttpClient client)
{
    public const int MaxStoredResponse = 4000;
    private static readonly JsonSerializerOptions BodyJson = new() { Encoder = Json.JsonEncoding.Encoder };

    public async Task<TransportReceipt> SendAsync(Guid messageId, OutgoingMessage message, HttpChannelOptions channel, CancellationToken ct)
    {
        var body = JsonSerializer.Serialize(new
        {
            channel = message.Channel,
            to = message.To,
            text = message.Text,
            subject = message.Subject,
            reference = messageId.ToString(),
        }, BodyJson);
        using var request = new HttpRequestMessage(HttpMethod.Post, channel.Url)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        foreach (var (name, value) in channel.Headers) request.Headers.TryAddWithoutValidation(name, value);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(channel.Timeout);
        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (!ct.IsCancellationRequested)
        {
            throw new HttpChannelException(string.Create(CultureInfo.InvariantCulture,
                $"The {message.Channel} provider did not answer within {channel.Timeout.TotalSeconds:0.###} s."), null, retryable: true, ex);
        }
        catch (HttpRequestException ex)
        {
            throw new HttpChannelException($"The {message.Channel} provider could not be reached: {ex.Message}", null, retryable: true, ex);
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
            var stored = $"{(int)response.StatusCode} {Excerpt(text)}".TrimEnd();
            if (!response.IsSuccessStatusCode)
            {
                var status = (int)response.StatusCode;
                throw new HttpChannelException($"The {message.Channel} provider answered {status}: {Excerpt(text, 300)}", stored,
                    retryable: status is >= 500 or 408 or 429);
            }
            return new TransportReceipt(stored, ProviderId(text));
        }
    }

    internal static string Excerpt(string text, int max = MaxStoredResponse) => text.Length <= max ? text : text[..max] + "…";

    /// <summary>The provider's id for the message when its answer is a JSON object with <c>id</c>, <c>messageId</c> or <c>sid</c>.</summary>
    private static string? ProviderId(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object) return null;
            foreach (var name in (string[])["id", "messageId", "sid"])
            {
                if (document.RootElement.TryGetProperty(name, out var id) && id.ValueKind is JsonValueKind.String or JsonValueKind.Number)
                    return id.ToString();
            }
            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
