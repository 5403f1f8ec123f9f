namespace NoCodeCrm.Engine.Metadata.Pipelines;

/// <summary>How a terminal stage ends a pipeline.</summary>
public enum StageOutcome
{
    Won,
    Lost,
}
