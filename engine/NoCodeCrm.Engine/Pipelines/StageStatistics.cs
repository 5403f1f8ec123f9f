namespace NoCodeCrm.Engine.Pipelines;

/// <summary>
/// A stage in aggregate over a time window: how many records entered it, how many of those went on to a later stage
/// (lost stages excluded) and the conversion rate, and the average time records stayed in it.
/// </summary>
public sealed record StageStatistics(string Stage, string Label, long Entered, long Advanced, decimal? ConversionRate, double? AverageDays, long Left);
