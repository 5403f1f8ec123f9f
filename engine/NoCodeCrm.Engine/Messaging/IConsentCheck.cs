namespace NoCodeCrm.Engine.Messaging;

/// <summary>The hook asked before every message leaves: the consent part answers from the recipient's consent records.</summary>
public interface IConsentCheck
{
    Task<ConsentDecision> CheckAsync(OutgoingMessage message, CancellationToken ct);
}
