using NoCodeCrm.Engine.Records;

namespace NoCodeCrm.Engine.Pipelines;

/// <summary>One stage on a board: how many records, their amount and weighted amount, and the first page of cards.</summary>
/// <param name="Sum">Null when the pipeline has no amount field or the user may not see it.</param>
public sealed record BoardColumn(string Stage, string Label, string? Color, decimal Probability, string? Outcome,
    long Count, decimal? Sum, decimal? WeightedSum, IReadOnlyList<StoredRecord> Records);
