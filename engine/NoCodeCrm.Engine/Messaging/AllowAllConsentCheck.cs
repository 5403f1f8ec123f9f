namespace NoCodeCrm.Engine.Messaging;

/// <summary>The consent check until consent records exist: every message may go.</summary>
public sealed class AllowAllConsentCheck : IConsentCheck
{
    public Task<ConsentDecision> CheckAsync(string channel, string recipient, string? entity, Guid? recordId, CancellationToken ct) =>
        Task.FromResult(ConsentDecision.Allow);
}
