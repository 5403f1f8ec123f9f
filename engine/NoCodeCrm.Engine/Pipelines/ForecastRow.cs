namespace NoCodeCrm.Engine.Pipelines;

/// <summary>
/// One period (and group) of a forecast: open records with their amount and weighted amount (amount × stage
/// probability), won records with their amount, and the forecast (won plus weighted open).
/// </summary>
/// <param name="Key">The owner's or team's id, the pipeline's name, or null when not grouped (or no owner/team).</param>
public sealed record ForecastRow(string Period, string? Key, string? Label, long OpenCount, decimal OpenAmount, decimal WeightedAmount,
    long WonCount, decimal WonAmount)
{
    public decimal Forecast => WonAmount + WeightedAmount;
}
