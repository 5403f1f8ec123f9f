namespace NoCodeCrm.Engine.Messaging;

/// <summary>A consent check that lets every message go: for hosts without consent management (and the engine's own sender tests).</summary>
public sealed class AllowAllConsentCheck : IConsentCheck
{
    public Task<ConsentDecision> CheckAsync(OutgoingMessage message, CancellationToken ct) => Task.FromResult(ConsentDecision.Allow);
}
