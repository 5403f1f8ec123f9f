using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using NoCodeCrm.Engine.Messaging;
using NoCodeCrm.Engine.Messaging.Webhooks;
using NoCodeCrm.Engine.Schema;

namespace NoCodeCrm.Engine.Tests.Messaging;

public sealed class WebhookClientTests(MessagingDatabase database) : IClassFixture<MessagingDatabase>, IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly LoopbackHttpReceiver _receiver = new();

    private WebhookClient Client(string? secret = null, params string[] allowed) =>
        new(new WebhookOptions { Secret = secret, AllowedHosts = [.. allowed] }, new SecretStore(database.DataSource, SchemaNames.Default));

    [Fact]
    public async Task The_receiver_can_verify_the_signature_timestamp_and_idempotency_key()
    {
        using var client = Client("s3cret-for-tests", "127.0.0.1");
        const string body = """{"event":"record.created","name":"Ayşe"}""";

        var result = await client.PostAsync(_receiver.Url(), body, "run-1:0", Timeout, CancellationToken.None);

        Assert.Equal(200, result.StatusCode);
        var request = Assert.Single(_receiver.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal(body, request.Body);
        Assert.StartsWith("application/json", request.Headers["Content-Type"], StringComparison.Ordinal);
        Assert.Equal("run-1:0", request.Headers["Idempotency-Key"]);
        var timestamp = request.Headers["X-NoCodeCrm-Timestamp"];
        Assert.InRange(long.Parse(timestamp, CultureInfo.InvariantCulture), DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 60, DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 1);
        // What a receiver does: HMAC-SHA256 over "timestamp.body" with the shared secret, compared in constant time.
        var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes("s3cret-for-tests"), Encoding.UTF8.GetBytes(timestamp + "." + request.Body)));
        Assert.True(CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(request.Headers["X-NoCodeCrm-Signature"])));
    }

    [Fact]
    public async Task Without_a_configured_secret_every_client_signs_with_the_one_kept_in_the_database()
    {
        using var first = Client(null, "127.0.0.1");
        using var second = Client(null, "127.0.0.1");
        var secret = await first.SigningSecretAsync(CancellationToken.None);
        Assert.Equal(secret, await second.SigningSecretAsync(CancellationToken.None));

        await second.PostAsync(_receiver.Url(), "{}", "k", Timeout, CancellationToken.None);
        var request = Assert.Single(_receiver.Requests);
        Assert.Equal(WebhookClient.Sign(secret, request.Headers["X-NoCodeCrm-Timestamp"], "{}"), request.Headers["X-NoCodeCrm-Signature"]);
    }

    [Theory]
    [InlineData("http://127.0.0.1:{port}/hook")]
    [InlineData("http://10.0.0.1:{port}/hook")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://[::1]:{port}/hook")]
    [InlineData("http://[::ffff:127.0.0.1]:{port}/hook")]
    [InlineData("http://0.0.0.0:{port}/hook")]
    public async Task Private_loopback_and_link_local_addresses_are_refused_without_a_request(string template)
    {
        using var client = Client("s");
        var url = new Uri(template.Replace("{port}", _receiver.Port.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));

        var refused = await Assert.ThrowsAsync<WebhookAddressRefusedException>(() => client.PostAsync(url, "{}", "k", Timeout, CancellationToken.None));

        Assert.Contains("Crm:Webhooks:AllowedHosts", refused.Message, StringComparison.Ordinal);
        Assert.Empty(_receiver.Requests);
    }

    [Fact]
    public async Task A_host_name_that_resolves_to_loopback_is_refused_on_the_resolved_address()
    {
        using var client = Client("s");
        var url = new Uri($"http://localhost:{_receiver.Port}/hook");

        var refused = await Assert.ThrowsAsync<WebhookAddressRefusedException>(() => client.PostAsync(url, "{}", "k", Timeout, CancellationToken.None));

        Assert.Equal("localhost", refused.Host);
        Assert.NotNull(refused.Address);
        Assert.All(refused.Address!.Split(", "), a => Assert.True(IPAddress.IsLoopback(IPAddress.Parse(a))));
        Assert.Empty(_receiver.Requests);
    }

    [Fact]
    public async Task An_allow_listed_host_name_may_be_called()
    {
        using var client = Client("s", "localhost");
        var result = await client.PostAsync(new Uri($"http://localhost:{_receiver.Port}/hook"), "{}", "k", Timeout, CancellationToken.None);
        Assert.Equal(200, result.StatusCode);
        Assert.Single(_receiver.Requests);
    }

    [Fact]
    public async Task The_timeout_is_honoured()
    {
        _receiver.Delay = TimeSpan.FromSeconds(20);
        using var client = Client("s", "127.0.0.1");
        var watch = Stopwatch.StartNew();

        var failed = await Assert.ThrowsAsync<WebhookFailedException>(() =>
            client.PostAsync(_receiver.Url(), "{}", "k", TimeSpan.FromMilliseconds(300), CancellationToken.None));

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
        Assert.Null(failed.StatusCode);
        Assert.True(failed.Retryable);
        Assert.Contains("did not answer within 0.3 s", failed.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(500, true)]
    [InlineData(429, true)]
    [InlineData(400, false)]
    [InlineData(410, false)]
    public async Task A_non_2xx_answer_fails_with_its_status_and_body(int status, bool retryable)
    {
        _receiver.Respond = _ => new HttpAnswer(status, "{\"error\":\"nope\"}");
        using var client = Client("s", "127.0.0.1");

        var failed = await Assert.ThrowsAsync<WebhookFailedException>(() => client.PostAsync(_receiver.Url(), "{}", "k", Timeout, CancellationToken.None));

        Assert.Equal(status, failed.StatusCode);
        Assert.Equal("{\"error\":\"nope\"}", failed.BodyExcerpt);
        Assert.Equal(retryable, failed.Retryable);
    }

    [Fact]
    public async Task Redirects_are_not_followed()
    {
        _receiver.Respond = r => r.Target == "/hook" ? new HttpAnswer(307, "", "http://127.0.0.1:1/elsewhere") : new HttpAnswer(200, "");
        using var client = Client("s", "127.0.0.1");

        var failed = await Assert.ThrowsAsync<WebhookFailedException>(() => client.PostAsync(_receiver.Url(), "{}", "k", Timeout, CancellationToken.None));

        Assert.Equal(307, failed.StatusCode);
        Assert.Single(_receiver.Requests);
    }

    public async ValueTask DisposeAsync() => await _receiver.DisposeAsync();
}
