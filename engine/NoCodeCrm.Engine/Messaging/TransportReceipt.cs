namespace NoCodeCrm.Engine.Messaging;

/// <summary>What a transport learnt when it handed a message over: the provider's answer and its own id for the message.</summary>
public sealed record TransportReceipt(string? ProviderResponse, string? ProviderMessageId);
