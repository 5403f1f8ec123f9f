namespace NoCodeCrm.Engine.Messaging;

/// <summary>One row of <c>crm_system.message</c>: what was sent to whom, through which channel, and what became of it.</summary>
public sealed record StoredMessage
{
    public Guid Id { get; init; }
    public string Channel { get; init; } = "";
    public string Recipient { get; init; } = "";
    public string? Subject { get; init; }
    public string? Text { get; init; }
    /// <summary>The HTML as rendered, without tracking pixel and links (so showing it on a timeline records no open).</summary>
    public string? Html { get; init; }
    /// <summary>queued, sent, failed or blocked.</summary>
    public string Status { get; init; } = "";
    public string? ProviderResponse { get; init; }
    public string? ProviderMessageId { get; init; }
    public string? Error { get; init; }
    public string? Entity { get; init; }
    public Guid? RecordId { get; init; }
    public string? Rule { get; init; }
    public string? ActionKey { get; init; }
    public string? Language { get; init; }
    public int Attempts { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime? SentAt { get; init; }
    public DateTime? OpenedAt { get; init; }
    public int OpenCount { get; init; }
    public int ClickCount { get; init; }
}
