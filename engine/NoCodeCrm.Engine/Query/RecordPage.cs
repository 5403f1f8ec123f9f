using NoCodeCrm.Engine.Records;

namespace NoCodeCrm.Engine.Query;

/// <summary>One page of a record list, the total when asked for, and the fields to show.</summary>
public sealed record RecordPage(IReadOnlyList<StoredRecord> Records, long? Count, IReadOnlySet<string>? Select);
