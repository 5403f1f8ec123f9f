using NoCodeCrm.Engine.Messaging;

namespace NoCodeCrm.Engine.Tests.Messaging;

/// <summary>A consent check with a real rule of its own: the listed recipients have opted out of every channel.</summary>
public sealed class RecipientListConsentCheck(params string[] optedOut) : IConsentCheck
{
    public Task<ConsentDecision> CheckAsync(OutgoingMessage message, CancellationToken ct) =>
        Task.FromResult(optedOut.Contains(message.To, StringComparer.OrdinalIgnoreCase)
            ? ConsentDecision.Refuse($"{message.To} opted out of {message.Channel}.")
            : ConsentDecision.Allow);
}
