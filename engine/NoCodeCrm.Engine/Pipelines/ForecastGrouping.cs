namespace NoCodeCrm.Engine.Pipelines;

/// <summary>What a forecast or a performance report breaks its rows down by, besides the period.</summary>
public enum ForecastGrouping
{
    None,
    Owner,
    Team,
    Pipeline,
}
