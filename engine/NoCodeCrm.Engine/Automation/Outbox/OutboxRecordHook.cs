using NoCodeCrm.Engine.Automation.Compiled;
using NoCodeCrm.Engine.Compiled;
using NoCodeCrm.Engine.Records;
using NoCodeCrm.Engine.Security;

namespace NoCodeCrm.Engine.Automation.Outbox;

/// <summary>
/// Writes a record write's trigger event into the outbox in the writing transaction, so automation sees every committed
/// write and nothing that rolled back. Writes no rule listens to cost nothing.
/// </summary>
public sealed class OutboxRecordHook(ModelRegistry registry, AutomationCatalogs catalogs) : IRecordWriteHook
{
    public bool AppliesTo(CompiledEntity entity, RecordWriteOptions options) => catalogs.For(registry.Current).ListeningEntities.Contains(entity.Name);

    public async Task AfterWriteAsync(RecordChange change, CancellationToken ct)
    {
        var catalog = catalogs.For(registry.Current);
        if (!catalog.ListeningEntities.Contains(change.Entity.Name)) return;
        var rules = catalog.ForWrite(change.Entity.Name, change.Operation, change.Previous, change.Current);
        if (rules.Count == 0) return;
        var type = change.Operation switch
        {
            RecordOperation.Create => "record.created",
            RecordOperation.Delete => "record.deleted",
            _ => "record.updated",
        };
        var payload = OutboxPayload.ForWrite(change, rules.Select(r => r.Name));
        var id = (change.Current ?? change.Previous)!.Id;
        await OutboxWriter.EnqueueAsync(change.Connection, change.Transaction, registry.Names,
            new OutboxEvent(type, change.Entity.Name, id, payload, change.Options.Depth), null, ct).ConfigureAwait(false);
    }
}
