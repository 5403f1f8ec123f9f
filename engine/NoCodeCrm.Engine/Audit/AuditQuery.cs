namespace NoCodeCrm.Engine.Audit;

/// <summary>Filters of the audit history (all optional), newest first, a page at a time.</summary>
/// <param name="User">A user id, or a user name (e.g. <c>automation</c>).</param>
/// <param name="From">Rows at or after this moment.</param>
/// <param name="To">Rows before this moment.</param>
public sealed record AuditQuery(
    string? Entity = null,
    Guid? RecordId = null,
    string? User = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    int Top = 50,
    int Skip = 0);
