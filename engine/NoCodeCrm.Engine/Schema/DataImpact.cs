namespace NoCodeCrm.Engine.Schema;

/// <summary>What a check found: rows affected, rows that would fail (with a sample of their ids and values).</summary>
public sealed record DataImpact(string Path, string Table, string Column, string Message, long AffectedRows, long FailingRows,
    IReadOnlyList<FailingRow> Samples, bool Blocking);
