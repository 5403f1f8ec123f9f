namespace NoCodeCrm.Engine.Pipelines;

/// <summary>The period a forecast buckets records into by their expected close date.</summary>
public enum ForecastPeriod
{
    Month,
    Quarter,
    Year,
}
