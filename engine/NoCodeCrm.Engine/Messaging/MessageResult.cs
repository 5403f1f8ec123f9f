namespace NoCodeCrm.Engine.Messaging;

/// <summary>The outcome of a send: the stored message, its status and what the provider answered. <see cref="Replayed"/> is true when an earlier send with the same action key is returned.</summary>
public sealed record MessageResult(Guid MessageId, MessageStatus Status, string? ProviderResponse, string? Error, bool Replayed);
