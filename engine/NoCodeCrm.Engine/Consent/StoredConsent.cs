namespace NoCodeCrm.Engine.Consent;

/// <summary>One decision of <c>crm_system.consent</c>: a person's granted, denied or withdrawn consent for a channel and purpose, with its proof.</summary>
public sealed record StoredConsent
{
    public Guid Id { get; init; }
    /// <summary>The subject record (a person) the decision is about.</summary>
    public Guid Person { get; init; }
    public string Channel { get; init; } = "";
    public string Purpose { get; init; } = "";
    public string Status { get; init; } = "";
    /// <summary>The address or number the decision covered when it was made (what İYS registers).</summary>
    public string? Recipient { get; init; }
    /// <summary>Where the decision was collected: web form, call centre, store, unsubscribe link, an İYS source code…</summary>
    public string Source { get; init; } = "";
    /// <summary>The version of the consent text the person saw (<c>crm_system.consent_text</c>).</summary>
    public string? TextVersion { get; init; }
    /// <summary>The last day the consent holds (yyyy-MM-dd), if it was given for a limited time.</summary>
    public string? ValidUntil { get; init; }
    public DateTime DecidedAt { get; init; }
    public string? ProofIp { get; init; }
    public string? ProofUserAgent { get; init; }
    public string? ProofDocument { get; init; }
    public Guid? RecordedBy { get; init; }
    public string RecordedByName { get; init; } = "";
    public DateTime RecordedAt { get; init; }
}
