namespace NoCodeCrm.Engine.Messaging;

/// <summary>
/// A rendered message to send through a channel (<see cref="MessageChannels"/>). <see cref="ActionKey"/> is the automation
/// action's idempotency key: a retry with the same key reuses the stored message and never sends it twice once sent.
/// <see cref="Purpose"/> is what the consent check judges: <c>transactional</c> or a consent purpose (unset: <c>marketing</c>).
/// </summary>
public sealed record OutgoingMessage(
    string Channel,
    string To,
    string? Subject = null,
    string? Text = null,
    string? Html = null,
    string? Entity = null,
    Guid? RecordId = null,
    string? Rule = null,
    string? ActionKey = null,
    string? Language = null,
    string? Purpose = null);
