using NoCodeCrm.Engine.Compiled;
using NoCodeCrm.Engine.Errors;
using NoCodeCrm.Engine.Records;
using NoCodeCrm.Engine.Security;

namespace NoCodeCrm.Engine.Compliance;

/// <summary>Refuses every change to a restricted data subject's record (update, delete, restore), rolling the write back.</summary>
public sealed class RestrictionWriteHook(ModelRegistry registry, ProcessingRestrictions restrictions) : IRecordWriteHook
{
    public bool AppliesTo(CompiledEntity entity, RecordWriteOptions options) =>
        entity?.Name is { } name && registry.Current.Model.Settings.Consent?.Subject == name;

    public async Task AfterWriteAsync(RecordChange change, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (change.Operation == RecordOperation.Create || change.Previous is not { } previous) return;
        if (await restrictions.ReasonAsync(change.Connection, change.Transaction, change.Entity.Name, previous.Id, ct).ConfigureAwait(false) is { } reason)
            throw new CrmException(CrmErrorKind.Conflict, "processingRestricted",
                reason + " Lift the restriction (POST /api/compliance/persons/{id}/restrict) before changing the record.");
    }
}
