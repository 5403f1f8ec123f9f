namespace NoCodeCrm.Engine.Pipelines;

/// <summary>
/// How a rep (or team) closed records in a time window: won count and amount, lost count, win rate (won ÷ closed) and
/// the average cycle time of won records, from entering the pipeline (or creation, for records older than it) to the move into the won stage.
/// </summary>
public sealed record RepPerformance(string? Key, string? Label, long Won, decimal WonAmount, long Lost, decimal? WinRate, double? AverageCycleDays);
