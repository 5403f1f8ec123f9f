using Microsoft.Extensions.Logging;
using NoCodeCrm.Engine.Errors;
using NoCodeCrm.Engine.Messaging.Email;
using NoCodeCrm.Engine.Messaging.Http;
using NoCodeCrm.Engine.Messaging.Tracking;

namespace NoCodeCrm.Engine.Messaging;

/// <summary>
/// Sends a rendered message through its channel and keeps it in <c>crm_system.message</c>: consent first (refused → stored
/// as blocked), then stored as queued, handed to the transport, and marked sent or failed with the provider's answer.
/// A send with an action key that was already sent (or blocked) returns that message instead of sending again.
/// </summary>
public sealed class MessageSender : IDisposable
{
    private readonly MessageStore _store;
    private readonly IConsentCheck _consent;
    private readonly MessagingOptions _options;
    private readonly EmailTracker _tracker;
    private readonly ILogger<MessageSender> _logger;
    private readonly SmtpEmailTransport _email;
    private readonly HttpClient _http;
    private readonly HttpChannelAdapter _adapter;

    public MessageSender(MessageStore store, IConsentCheck consent, MessagingOptions options, EmailTracker tracker, ILogger<MessageSender> logger)
    {
        _store = store;
        _consent = consent;
        _options = options;
        _tracker = tracker;
        _logger = logger;
        _email = new SmtpEmailTransport(options.Smtp);
        // Provider endpoints are configured by the operator, not by key users, so no SSRF guard here (unlike webhooks);
        // redirects are still not followed, a provider answers where it was asked.
        _http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2), AllowAutoRedirect = false })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _adapter = new HttpChannelAdapter(_http);
    }

    /// <summary>
    /// Sends the message. Throws <see cref="MessageDeliveryException"/> when the transport fails (the message is stored as
    /// failed; retry with the same action key) and a validation <see cref="CrmException"/> when the message itself is malformed.
    /// </summary>
    public async Task<MessageResult> SendAsync(OutgoingMessage message, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        Validate(message);

        if (message.ActionKey is { } actionKey
            && await _store.FindByActionKeyAsync(actionKey, ct).ConfigureAwait(false) is { Status: "sent" or "blocked" } earlier)
        {
            return new MessageResult(earlier.Id, Enum.Parse<MessageStatus>(earlier.Status, ignoreCase: true), earlier.ProviderResponse, earlier.Error, Replayed: true);
        }

        var consent = await _consent.CheckAsync(message, ct).ConfigureAwait(false);
        if (!consent.Allowed)
        {
            var reason = consent.Reason ?? "The recipient has not consented to this channel.";
            var blocked = await _store.SaveAttemptAsync(message, MessageStatus.Blocked, reason, ct).ConfigureAwait(false);
            _logger.LogInformation("Message {MessageId} on {Channel} blocked by the consent check: {Reason}", blocked, message.Channel, reason);
            return new MessageResult(blocked, MessageStatus.Blocked, null, reason, Replayed: false);
        }

        if (NotConfigured(message.Channel) is { } missing)
        {
            var failed = await _store.SaveAttemptAsync(message, MessageStatus.Failed, missing, ct).ConfigureAwait(false);
            throw new MessageDeliveryException(failed, message.Channel, missing, retryable: false);
        }

        var id = await _store.SaveAttemptAsync(message, MessageStatus.Queued, null, ct).ConfigureAwait(false);
        TransportReceipt receipt;
        try
        {
            receipt = await DeliverAsync(id, message, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            var retryable = ex switch
            {
                HttpChannelException http => http.Retryable,
                _ => SmtpEmailTransport.IsRetryable(ex),
            };
            var error = $"The {message.Channel} message to {message.To} could not be sent: {ex.Message}";
            // The bookkeeping must happen even when the send gave up on a timeout.
            await _store.MarkFailedAsync(id, error, (ex as HttpChannelException)?.ProviderResponse, CancellationToken.None).ConfigureAwait(false);
            _logger.LogWarning(ex, "Message {MessageId} on {Channel} failed (retryable: {Retryable})", id, message.Channel, retryable);
            throw new MessageDeliveryException(id, message.Channel, error, retryable, ex);
        }

        await _store.MarkSentAsync(id, receipt.ProviderResponse, receipt.ProviderMessageId, CancellationToken.None).ConfigureAwait(false);
        return new MessageResult(id, MessageStatus.Sent, receipt.ProviderResponse, null, Replayed: false);
    }

    private async Task<TransportReceipt> DeliverAsync(Guid id, OutgoingMessage message, CancellationToken ct)
    {
        switch (message.Channel)
        {
            case MessageChannels.Notification:
                return new TransportReceipt("stored for the in-app inbox", null);
            case MessageChannels.Email:
                var html = message.Html is null ? null : await _tracker.AddTrackingAsync(id, message.Html, ct).ConfigureAwait(false);
                var mime = _email.Build(id, message, html);
                return await _email.SendAsync(mime, ct).ConfigureAwait(false);
            default:
                return await _adapter.SendAsync(id, message, _options.Channels[message.Channel], ct).ConfigureAwait(false);
        }
    }

    private string? NotConfigured(string channel)
    {
        if (channel == MessageChannels.Email && !_email.IsConfigured)
            return "E-mail is not configured: set Crm:Smtp:Host and Crm:Smtp:From.";
        if (MessageChannels.UsesHttpAdapter(channel)
            && (!_options.Channels.TryGetValue(channel, out var adapter) || !Uri.TryCreate(adapter.Url, UriKind.Absolute, out _)))
            return $"The {channel} channel is not configured: set Crm:Channels:{channel}:Url to the provider endpoint.";
        return null;
    }

    private static void Validate(OutgoingMessage message)
    {
        var errors = new List<CrmError>();
        if (!MessageChannels.All.Contains(message.Channel))
            errors.Add(new CrmError("$.channel", "unknownChannel", $"The channel must be one of {string.Join(", ", MessageChannels.All)}."));
        if (string.IsNullOrWhiteSpace(message.To))
            errors.Add(new CrmError("$.to", "required", "A message needs a recipient."));
        if (string.IsNullOrEmpty(message.Text) && string.IsNullOrEmpty(message.Html))
            errors.Add(new CrmError("$.text", "required", "A message needs a text (or, for e-mail, an HTML body)."));
        else if (message.Channel != MessageChannels.Email && string.IsNullOrEmpty(message.Text))
            errors.Add(new CrmError("$.text", "required", $"A {message.Channel} message needs a text."));
        if (message.Channel == MessageChannels.Email && string.IsNullOrWhiteSpace(message.Subject))
            errors.Add(new CrmError("$.subject", "required", "An e-mail needs a subject."));
        if (errors.Count > 0) throw CrmException.Invalid("The message is not valid.", errors);
    }

    public void Dispose() => _http.Dispose();
}
