namespace NoCodeCrm.Engine.Pipelines;

/// <summary>A pipeline's board for one user and scope: a column per stage, in pipeline order.</summary>
public sealed record Board(string Pipeline, string Entity, string Field, BoardScope Scope, IReadOnlyList<BoardColumn> Columns);
