using System.Collections.Immutable;

namespace NoCodeCrm.Engine.Metadata.Pipelines;

/// <summary>One stage of a pipeline: its win probability, colour, outcome, the fields a record needs to enter it, and where it may go next.</summary>
public sealed record StageDefinition
{
    /// <summary>The option value of the pipeline's stage field.</summary>
    public required string Name { get; init; }
    /// <summary>Defaults to the option's label.</summary>
    public LocalizedText? Label { get; init; }
    /// <summary>Between 0 and 1; weights the amount in the forecast.</summary>
    public decimal Probability { get; init; }
    /// <summary><c>#rrggbb</c>; defaults to the option's colour.</summary>
    public string? Color { get; init; }
    /// <summary>Set on terminal stages.</summary>
    public StageOutcome? Outcome { get; init; }
    /// <summary>Fields that must hold a value for a record to enter this stage.</summary>
    public ImmutableArray<string> RequiredFields { get; init; } = [];
    /// <summary>
    /// The stages a record may move to from here. Absent: any stage of the pipeline from an open stage, none from a won or
    /// lost one (reopening must be allowed explicitly).
    /// </summary>
    public ImmutableArray<string>? Transitions { get; init; }
}
