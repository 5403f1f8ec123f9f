using NoCodeCrm.Engine.Records;
using NoCodeCrm.Engine.Security;

namespace NoCodeCrm.Engine.Audit;

/// <summary>One audit row to append: who, through what, which record(s), and what changed or was read.</summary>
public sealed record AuditEntry(
    string Operation,
    string Entity,
    Guid? RecordId,
    CrmPrincipal Principal,
    RecordWriteOptions Options)
{
    /// <summary>Each field's old → new value as a JSON object, or null when nothing is kept (e.g. a restore).</summary>
    public string? Changes { get; init; }
    /// <summary>The records a read or export covered.</summary>
    public IReadOnlyList<Guid>? RecordIds { get; init; }
    /// <summary>The sensitive fields a read or export showed.</summary>
    public IReadOnlyList<string>? Fields { get; init; }
    /// <summary>For rows a cascade wrote: the written record (<c>entity/id</c>) whose delete or restore reached this one.</summary>
    public string? CascadeOf { get; init; }
}
