namespace NoCodeCrm.Engine.Metadata.Rollups;

/// <summary>A time window of a rollup: children whose <see cref="Field"/> lies within the last <see cref="Days"/> or <see cref="Months"/> (up to today).</summary>
public sealed record RollupWindow
{
    /// <summary>A date or datetime field of the child entity.</summary>
    public required string Field { get; init; }
    public int? Days { get; init; }
    public int? Months { get; init; }
}
