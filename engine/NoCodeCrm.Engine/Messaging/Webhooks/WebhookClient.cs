using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace NoCodeCrm.Engine.Messaging.Webhooks;

/// <summary>
/// Calls webhooks: POSTs JSON with an <c>Idempotency-Key</c>, a timestamp and an HMAC-SHA256 signature
/// (<c>X-NoCodeCrm-Signature: sha256=&lt;hex of HMAC(secret, timestamp + "." + body)&gt;</c>), within a timeout, never
/// following redirects. The SSRF guard runs when a connection is opened, on the address actually connected to, so a
/// DNS answer that changes between a check and the connect (rebinding) cannot slip through.
/// </summary>
public sealed class WebhookClient : IDisposable
{
    public const string SecretName = "webhook_signing_secret";
    public const int MaxBodyExcerpt = 4000;
    public const string SignatureHeader = "X-NoCodeCrm-Signature";
    public const string TimestampHeader = "X-NoCodeCrm-Timestamp";
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    private readonly WebhookOptions _options;
    private readonly SecretStore _secrets;
    private readonly WebhookAddressPolicy _policy;
    private readonly HttpClient _client;

    public WebhookClient(WebhookOptions options, SecretStore secrets)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _secrets = secrets;
        _policy = new WebhookAddressPolicy(options.AllowedHosts);
        _client = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            // A proxy would connect on our behalf and bypass the address check.
            UseProxy = false,
            UseCookies = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(1),
            ConnectCallback = ConnectAsync,
        })
        {
            Timeout = Timeout.InfiniteTimeSpan,
            MaxResponseContentBufferSize = 1024 * 1024,
        };
        _client.DefaultRequestHeaders.UserAgent.ParseAdd("NoCodeCrm-Webhook/1");
    }

    /// <summary>
    /// POSTs the body. Throws <see cref="WebhookAddressRefusedException"/> (never retry) when the guard refuses the address
    /// and <see cref="WebhookFailedException"/> on a non-2xx answer, a timeout or a network failure.
    /// </summary>
    public async Task<WebhookResult> PostAsync(Uri url, string jsonBody, string idempotencyKey, TimeSpan timeout, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(jsonBody);
        if (!url.IsAbsoluteUri || url.Scheme is not ("http" or "https"))
            throw new WebhookAddressRefusedException(url.OriginalString, null, "only absolute http and https URLs can be called");
        if (!string.IsNullOrEmpty(url.UserInfo))
            throw new WebhookAddressRefusedException(url.Host, null, "credentials in the URL are not sent; use a header-free endpoint or a token in the path");

        var secret = await SigningSecretAsync(ct).ConfigureAwait(false);
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(jsonBody, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation(IdempotencyKeyHeader, idempotencyKey);
        request.Headers.TryAddWithoutValidation(TimestampHeader, timestamp);
        request.Headers.TryAddWithoutValidation(SignatureHeader, Sign(secret, timestamp, jsonBody));

        using var timer = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timer.CancelAfter(timeout);
        try
        {
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timer.Token).ConfigureAwait(false);
            var body = await ReadExcerptAsync(response, timer.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            if (status is >= 200 and < 300) return new WebhookResult(status, body);
            throw new WebhookFailedException($"The webhook {Describe(url)} answered {status} {response.ReasonPhrase}: {body}", status, body,
                retryable: status is >= 500 or 408 or 429);
        }
        catch (OperationCanceledException ex) when (!ct.IsCancellationRequested)
        {
            throw new WebhookFailedException($"The webhook {Describe(url)} did not answer within {timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s.",
                null, null, retryable: true, ex);
        }
        catch (HttpRequestException ex)
        {
            for (Exception? inner = ex; inner is not null; inner = inner.InnerException)
            {
                if (inner is WebhookAddressRefusedException refused) throw refused;
            }
            throw new WebhookFailedException($"The webhook {Describe(url)} could not be reached: {ex.Message}", null, null, retryable: true, ex);
        }
    }

    /// <summary>The key signatures are made with: <c>Crm:Webhooks:Secret</c>, or one generated once and kept in the database.</summary>
    public async Task<byte[]> SigningSecretAsync(CancellationToken ct) =>
        string.IsNullOrEmpty(_options.Secret)
            ? await _secrets.GetOrCreateAsync(SecretName, 32, ct).ConfigureAwait(false)
            : Encoding.UTF8.GetBytes(_options.Secret);

    /// <summary>The signature header value a receiver recomputes: <c>sha256=</c> and the lower-case hex HMAC of <c>timestamp.body</c>.</summary>
    public static string Sign(byte[] secret, string timestamp, string body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes(timestamp + "." + body)));

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var host = context.DnsEndPoint.Host.Trim('[', ']');
        var hostAllowed = _policy.IsHostAllowed(host);
        IPAddress[] addresses = IPAddress.TryParse(host, out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(host, ct).ConfigureAwait(false);
        var permitted = hostAllowed ? addresses : Array.FindAll(addresses, _policy.IsAllowed);
        if (permitted.Length == 0)
        {
            throw new WebhookAddressRefusedException(host, addresses.Length == 0 ? null : string.Join(", ", addresses.Select(a => a.ToString())),
                addresses.Length == 0 ? "the host name does not resolve" : "the address is not on the public internet");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(permitted, context.DnsEndPoint.Port, ct).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static async Task<string> ReadExcerptAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var stream = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var reader = new StreamReader(stream, Encoding.UTF8);
            var buffer = new char[MaxBodyExcerpt + 1];
            var read = 0;
            while (read < buffer.Length)
            {
                var n = await reader.ReadAsync(buffer.AsMemory(read), ct).ConfigureAwait(false);
                if (n == 0) break;
                read += n;
            }
            return read > MaxBodyExcerpt ? new string(buffer, 0, MaxBodyExcerpt) + "…" : new string(buffer, 0, read);
        }
    }

    private static string Describe(Uri url) => url.GetLeftPart(UriPartial.Path);

    public void Dispose() => _client.Dispose();
}
