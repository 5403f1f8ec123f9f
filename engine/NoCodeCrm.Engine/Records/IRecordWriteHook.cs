namespace NoCodeCrm.Engine.Records;

/// <summary>
/// A step later parts of the engine add to the record pipeline (audit rows, outbox events, rollups); it runs after the
/// row is written and before commit, in the same transaction, so its effect commits or rolls back with the write.
/// </summary>
public interface IRecordWriteHook
{
    Task AfterWriteAsync(RecordChange change, CancellationToken ct);

    /// <summary>Whether writes to this entity need the hook; when no hook applies, a plain create skips its transaction.</summary>
    bool AppliesTo(Compiled.CompiledEntity entity, RecordWriteOptions options) => true;
}
