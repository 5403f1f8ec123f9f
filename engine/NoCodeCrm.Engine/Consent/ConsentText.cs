namespace NoCodeCrm.Engine.Consent;

/// <summary>One version of a consent text (<c>crm_system.consent_text</c>): what people agreed to, who wrote it and when. Versions are never changed.</summary>
public sealed record ConsentText
{
    public Guid Id { get; init; }
    public string Purpose { get; init; } = "";
    /// <summary>The channel the text is for; null for a text that covers every channel of its purpose.</summary>
    public string? Channel { get; init; }
    public string Version { get; init; } = "";
    public string Text { get; init; } = "";
    public Guid? ChangedBy { get; init; }
    public string ChangedByName { get; init; } = "";
    public DateTime ChangedAt { get; init; }
}
