namespace NoCodeCrm.Engine.Messaging;

/// <summary>The hook asked before every message leaves: the security part answers from the recipient's consent records.</summary>
public interface IConsentCheck
{
    Task<ConsentDecision> CheckAsync(string channel, string recipient, string? entity, Guid? recordId, CancellationToken ct);
}
