using NoCodeCrm.Engine.Messaging;

namespace NoCodeCrm.Engine.Tests.Messaging;

/// <summary>A consent check with a real rule of its own: the listed recipients have opted out of every channel.</summary>
public sealed class RecipientListConsentCheck(params string[] optedOut) : IConsentCheck
{
    public Task<ConsentDecision> CheckAsync(string channel, string recipient, string? entity, Guid? recordId, CancellationToken ct) =>
        Task.FromResult(optedOut.Contains(recipient, StringComparer.OrdinalIgnoreCase)
            ? ConsentDecision.Refuse($"{recipient} opted out of {channel}.")
            : ConsentDecision.Allow);
}
