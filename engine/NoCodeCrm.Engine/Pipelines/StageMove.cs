namespace NoCodeCrm.Engine.Pipelines;

/// <summary>One row of a record's stage history: from where to where, when, by whom, and how long it stayed in the stage it left.</summary>
public sealed class StageMove
{
    public long Id { get; init; }
    public string Pipeline { get; init; } = "";
    public Guid RecordId { get; init; }
    public string? FromStage { get; init; }
    public string ToStage { get; init; } = "";
    public DateTime MovedAt { get; init; }
    public Guid? MovedBy { get; init; }
    public string Source { get; init; } = "";
    public string? Rule { get; init; }
    public double? SecondsInFrom { get; init; }
}
