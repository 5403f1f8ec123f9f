namespace NoCodeCrm.Engine.Metadata.Rollups;

/// <summary>How a rollup combines its children's values.</summary>
public enum RollupAggregate
{
    Count,
    Sum,
    Min,
    Max,
    Avg,
}
