namespace NoCodeCrm.Engine.Schema;

/// <summary>A question a schema change asks the data first: which rows would fail it (rows matching <see cref="FailurePredicate"/>).</summary>
public sealed record DataCheck(string Path, string Table, string Column, string FailurePredicate, string Message, bool Blocking = true);
