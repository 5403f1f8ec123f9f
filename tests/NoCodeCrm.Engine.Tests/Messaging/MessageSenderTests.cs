using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using NoCodeCrm.Engine.Messaging;
using NoCodeCrm.Engine.Messaging.Email;
using NoCodeCrm.Engine.Messaging.Http;
using NoCodeCrm.Engine.Messaging.Tracking;
using NoCodeCrm.Engine.Schema;
using NoCodeCrm.Engine.Security;

namespace NoCodeCrm.Engine.Tests.Messaging;

public sealed class MessageSenderTests(MessagingDatabase database) : IClassFixture<MessagingDatabase>, IAsyncDisposable
{
    private readonly LoopbackSmtpServer _smtp = new();
    private readonly LoopbackHttpReceiver _provider = new();

    private MessageStore Store => new(database.DataSource, database.Registry, new AdministratorOnlyAccessPolicy());

    private MessagingOptions Options() => new()
    {
        PublicBaseUrl = "https://crm.example.com/",
        Smtp = new SmtpOptions { Host = "127.0.0.1", Port = _smtp.Port, Security = SmtpSecurity.None, From = "crm@example.com", FromName = "Örnek CRM" },
        Channels = new(StringComparer.OrdinalIgnoreCase)
        {
            ["sms"] = new HttpChannelOptions { Url = _provider.Url("/sms").ToString(), Headers = { ["Authorization"] = "Bearer provider-key" } },
        },
    };

    private MessageSender Sender(MessagingOptions? options = null, IConsentCheck? consent = null)
    {
        options ??= Options();
        return new MessageSender(Store, consent ?? new AllowAllConsentCheck(), options,
            new EmailTracker(options, new SecretStore(database.DataSource, SchemaNames.Default)), NullLogger<MessageSender>.Instance);
    }

    private static string Key() => "run-" + Guid.NewGuid().ToString("N") + ":1";

    [Fact]
    public async Task An_email_is_received_over_smtp_with_subject_bodies_tracking_pixel_and_tracked_links()
    {
        using var sender = Sender();
        var key = Key();
        var message = new OutgoingMessage(MessageChannels.Email, "ayse@example.com", "Sözleşmeniz yenileniyor",
            "Merhaba Ayşe", "<html><body><p>Merhaba <b>Ayşe</b></p><a href=\"https://example.com/renew?a=1&amp;b=2\">Yenile</a></body></html>",
            ActionKey: key, Language: "tr");

        var result = await sender.SendAsync(message, CancellationToken.None);

        Assert.Equal(MessageStatus.Sent, result.Status);
        var mail = Assert.Single(_smtp.Received);
        Assert.Equal("crm@example.com", mail.From);
        Assert.Equal(["ayse@example.com"], mail.To);
        var mime = mail.Parse();
        Assert.Equal("Sözleşmeniz yenileniyor", mime.Subject);
        Assert.Equal("Örnek CRM", mime.From.Mailboxes.Single().Name);
        Assert.Equal("Merhaba Ayşe", mime.TextBody?.Trim());
        Assert.Equal(new SmtpEmailTransport(Options().Smtp).MessageIdFor(result.MessageId, key), mime.MessageId);
        Assert.Contains("<b>Ayşe</b>", mime.HtmlBody, StringComparison.Ordinal);
        Assert.Matches("<img src=\"https://crm\\.example\\.com/t/o/[A-Za-z0-9_-]{43}\\.gif\"[^>]*></body>", mime.HtmlBody);
        var link = System.Text.RegularExpressions.Regex.Match(mime.HtmlBody ?? "", "href=\"(https://crm\\.example\\.com/t/c/[^\"]+)\"");
        Assert.True(link.Success, mime.HtmlBody);
        Assert.EndsWith("?u=" + Uri.EscapeDataString("https://example.com/renew?a=1&b=2"), System.Net.WebUtility.HtmlDecode(link.Groups[1].Value), StringComparison.Ordinal);

        var stored = await Store.GetAsync(result.MessageId, CancellationToken.None);
        Assert.Equal("sent", stored!.Status);
        Assert.Contains("queued as TEST", stored.ProviderResponse, StringComparison.Ordinal);
        Assert.Equal(mime.MessageId, stored.ProviderMessageId);
        Assert.NotNull(stored.SentAt);
        Assert.DoesNotContain("/t/o/", stored.Html, StringComparison.Ordinal);
        Assert.Equal("tr", stored.Language);
    }

    [Fact]
    public async Task An_sms_goes_through_the_http_adapter_and_the_provider_answer_is_stored()
    {
        using var sender = Sender();
        var result = await sender.SendAsync(new OutgoingMessage(MessageChannels.Sms, "+905551112233", Text: "Kodunuz: 1234"), CancellationToken.None);

        var request = Assert.Single(_provider.Requests);
        Assert.Equal("/sms", request.Target);
        Assert.Equal("Bearer provider-key", request.Headers["Authorization"]);
        using var body = JsonDocument.Parse(request.Body);
        Assert.Equal("sms", body.RootElement.GetProperty("channel").GetString());
        Assert.Equal("+905551112233", body.RootElement.GetProperty("to").GetString());
        Assert.Equal("Kodunuz: 1234", body.RootElement.GetProperty("text").GetString());
        Assert.Equal(result.MessageId.ToString(), body.RootElement.GetProperty("reference").GetString());

        var stored = await Store.GetAsync(result.MessageId, CancellationToken.None);
        Assert.Equal("sent", stored!.Status);
        Assert.Equal("200 {\"id\":\"provider-1\"}", stored.ProviderResponse);
        Assert.Equal("provider-1", stored.ProviderMessageId);
    }

    [Fact]
    public async Task A_refused_consent_stores_the_message_as_blocked_and_sends_nothing()
    {
        using var sender = Sender(consent: new RecipientListConsentCheck("+905550000000"));

        var result = await sender.SendAsync(new OutgoingMessage(MessageChannels.Sms, "+905550000000", Text: "Kampanya!"), CancellationToken.None);

        Assert.Equal(MessageStatus.Blocked, result.Status);
        Assert.Equal("+905550000000 opted out of sms.", result.Error);
        Assert.Empty(_provider.Requests);
        var stored = await Store.GetAsync(result.MessageId, CancellationToken.None);
        Assert.Equal("blocked", stored!.Status);
        Assert.Equal("+905550000000 opted out of sms.", stored.Error);
        Assert.Null(stored.SentAt);
    }

    [Fact]
    public async Task Sending_again_with_the_same_action_key_returns_the_sent_message_without_sending_twice()
    {
        using var sender = Sender();
        var message = new OutgoingMessage(MessageChannels.Email, "can@example.com", "Hoş geldiniz", "Merhaba", ActionKey: Key());

        var first = await sender.SendAsync(message, CancellationToken.None);
        var second = await sender.SendAsync(message, CancellationToken.None);

        Assert.False(first.Replayed);
        Assert.True(second.Replayed);
        Assert.Equal(first.MessageId, second.MessageId);
        Assert.Equal(MessageStatus.Sent, second.Status);
        Assert.Single(_smtp.Received);
    }

    [Fact]
    public async Task A_provider_failure_stores_the_message_as_failed_and_the_retry_reuses_it()
    {
        using var sender = Sender();
        var message = new OutgoingMessage(MessageChannels.Sms, "+905551112244", Text: "Randevunuz yarın", ActionKey: Key());
        _provider.Respond = _ => new HttpAnswer(503, "{\"error\":\"maintenance\"}");

        var failure = await Assert.ThrowsAsync<MessageDeliveryException>(() => sender.SendAsync(message, CancellationToken.None));

        Assert.True(failure.Retryable);
        Assert.Contains("503", failure.Message, StringComparison.Ordinal);
        var failed = await Store.GetAsync(failure.MessageId, CancellationToken.None);
        Assert.Equal("failed", failed!.Status);
        Assert.Equal("503 {\"error\":\"maintenance\"}", failed.ProviderResponse);

        _provider.Respond = _ => new HttpAnswer(200, "{\"id\":\"p-2\"}");
        var retried = await sender.SendAsync(message, CancellationToken.None);

        Assert.Equal(failure.MessageId, retried.MessageId);
        Assert.Equal(MessageStatus.Sent, retried.Status);
        var sent = await Store.GetAsync(retried.MessageId, CancellationToken.None);
        Assert.Equal(2, sent!.Attempts);
        Assert.Null(sent.Error);
        Assert.Equal(2, _provider.Requests.Count);
    }

    [Fact]
    public async Task A_provider_that_does_not_answer_in_time_is_a_retryable_failure()
    {
        _provider.Delay = TimeSpan.FromSeconds(20);
        var options = Options();
        options.Channels["sms"].Timeout = TimeSpan.FromMilliseconds(300);
        using var sender = Sender(options);
        var watch = System.Diagnostics.Stopwatch.StartNew();

        var failure = await Assert.ThrowsAsync<MessageDeliveryException>(() =>
            sender.SendAsync(new OutgoingMessage(MessageChannels.Sms, "+905551112255", Text: "Merhaba"), CancellationToken.None));

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
        Assert.True(failure.Retryable);
        Assert.Contains("did not answer within 0.3 s", failure.Message, StringComparison.Ordinal);
        Assert.Equal("failed", (await Store.GetAsync(failure.MessageId, CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task A_relay_that_defers_the_mail_is_a_retryable_failure()
    {
        _smtp.DataReply = "451 4.3.0 Try again later";
        using var sender = Sender();

        var failure = await Assert.ThrowsAsync<MessageDeliveryException>(() =>
            sender.SendAsync(new OutgoingMessage(MessageChannels.Email, "ali@example.com", "Konu", "Metin"), CancellationToken.None));

        Assert.True(failure.Retryable);
        Assert.Equal("failed", (await Store.GetAsync(failure.MessageId, CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task An_unconfigured_channel_fails_clearly_and_is_not_retried()
    {
        using var sender = Sender();

        var failure = await Assert.ThrowsAsync<MessageDeliveryException>(() =>
            sender.SendAsync(new OutgoingMessage(MessageChannels.WhatsApp, "+905551112233", Text: "Merhaba"), CancellationToken.None));

        Assert.False(failure.Retryable);
        Assert.Contains("Crm:Channels:whatsapp:Url", failure.Message, StringComparison.Ordinal);
        Assert.Equal("failed", (await Store.GetAsync(failure.MessageId, CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task An_invalid_email_address_is_a_failure_that_retrying_cannot_fix()
    {
        using var sender = Sender();

        var failure = await Assert.ThrowsAsync<MessageDeliveryException>(() =>
            sender.SendAsync(new OutgoingMessage(MessageChannels.Email, "not an address", "Konu", "Metin"), CancellationToken.None));

        Assert.False(failure.Retryable);
        Assert.Empty(_smtp.Received);
    }

    [Fact]
    public async Task A_notification_is_stored_for_the_inbox_and_sent_nowhere()
    {
        using var sender = Sender();
        var result = await sender.SendAsync(new OutgoingMessage(MessageChannels.Notification, "user:admin", "Yeni görev", "Ayşe'yi arayın"), CancellationToken.None);

        Assert.Equal(MessageStatus.Sent, result.Status);
        Assert.Empty(_smtp.Received);
        Assert.Empty(_provider.Requests);
        var listed = await Store.ListAsync(new MessageQuery(Channel: MessageChannels.Notification), CancellationToken.None);
        Assert.Contains(listed, m => m.Id == result.MessageId && m.Text == "Ayşe'yi arayın");
    }

    public async ValueTask DisposeAsync()
    {
        await _smtp.DisposeAsync();
        await _provider.DisposeAsync();
    }
}
