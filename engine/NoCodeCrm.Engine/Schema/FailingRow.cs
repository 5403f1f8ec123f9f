namespace NoCodeCrm.Engine.Schema;

/// <summary>One row that blocks a schema change, with the value that would not survive it.</summary>
public sealed record FailingRow(Guid Id, string? Value);
