namespace NoCodeCrm.Engine.Consent;

/// <summary>A decision to record (the body of <c>POST /api/consents</c>); proof describes the person's act, not the recording user's.</summary>
public sealed record ConsentRequest(
    Guid Person,
    string Channel,
    string Purpose,
    string Status,
    string Source,
    string? Recipient = null,
    string? TextVersion = null,
    DateOnly? ValidUntil = null,
    DateTimeOffset? DecidedAt = null,
    string? ProofIp = null,
    string? ProofUserAgent = null,
    string? ProofDocument = null);
