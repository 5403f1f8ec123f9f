using System.Text.Json.Nodes;
using Dapper;
using Npgsql;
using NoCodeCrm.Engine.Audit;
using NoCodeCrm.Engine.Compiled;
using NoCodeCrm.Engine.Metadata;
using NoCodeCrm.Engine.Records;
using NoCodeCrm.Engine.Schema;
using NoCodeCrm.Engine.Security;

namespace NoCodeCrm.Engine.Compliance;

/// <summary>
/// The right to erasure (KVKK art. 7, GDPR art. 17) by anonymisation, in one transaction: the subject's personal fields
/// and the personal fields of records pointing at them become null; their identifying values are cut out of the free
/// text of those records and links, of messages, events, outbox entries, automation runs and effects, and of the audit's
/// changes (through <c>audit_erase_changes</c>, the one path past the audit's guard); consents lose their contact and
/// proof details but keep the decision. Fields with a <c>legalRetention</c> reason are kept. A deletion log row says
/// what was erased, when, by whom and why, and holds none of the values.
/// </summary>
/// <remarks>
/// Writes go around the record pipeline on purpose: its audit and outbox hooks would copy the very values being erased.
/// </remarks>
public sealed class PersonEraser(NpgsqlDataSource dataSource, ModelRegistry registry)
{
    private string S => Sql.Quote(registry.Names.SystemSchema);

    public async Task<JsonObject> EraseAsync(CrmPrincipal principal, Guid id, ErasureRequest request, CancellationToken ct)
    {
        ComplianceAccess.Demand(principal);
        ArgumentNullException.ThrowIfNull(request);
        var model = registry.Current;
        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        var scope = await DataSubjectScope.LoadAsync(connection, tx, model, id, ct).ConfigureAwait(false);
        var subject = scope.Subject;
        var ids = scope.AllIds;

        // What identifies the person: every personal value of theirs and of the records about them, as text.
        var values = new List<string>();
        values.AddRange(await RecordAnonymiser.PersonalValuesAsync(connection, tx, subject, [id], ct).ConfigureAwait(false));
        foreach (var group in scope.Related)
            values.AddRange(await RecordAnonymiser.PersonalValuesAsync(connection, tx, group.Entity, group.Ids, ct).ConfigureAwait(false));
        values.AddRange(await RecordAnonymiser.ConsentRecipientsAsync(connection, tx, S, subject, [id], ct).ConfigureAwait(false));
        values.AddRange(await RecordAnonymiser.FormerValuesAsync(connection, tx, S, model, ids, ct).ConfigureAwait(false));
        var scrubber = new ValueScrubber(values);
        var addresses = await PersonExporter.AddressesAsync(connection, subject, id, ct, tx).ConfigureAwait(false);

        var items = new JsonArray();
        var kept = new JsonArray();
        await RecordAnonymiser.AnonymiseAsync(connection, tx, subject, [id], scrubber, items, kept, ct).ConfigureAwait(false);
        foreach (var group in scope.Related)
            await RecordAnonymiser.AnonymiseAsync(connection, tx, group.Entity, group.Ids, scrubber, items, kept, ct).ConfigureAwait(false);

        foreach (var relation in scope.Relations)
        {
            var textFields = relation.Fields.Where(f => !f.Retired && RecordAnonymiser.TextTypes.Contains(f.Type) && f.LegalRetention is null).Select(f => f.Name).ToArray();
            var side = relation.From == subject.Name ? "source_id" : "target_id";
            var changed = await RecordAnonymiser.ScrubRowsAsync(connection, tx, model.Names.Table(relation.Name), "id", textFields, [], $"{side} = @id", new { id }, scrubber, ct)
                .ConfigureAwait(false);
            if (changed > 0) items.Add(new JsonObject { ["relation"] = relation.Name, ["links"] = changed, ["fields"] = RecordAnonymiser.ToArray(textFields) });
        }

        var system = await RecordAnonymiser.ScrubSystemTablesAsync(connection, tx, S, ids, addresses, scrubber, ct).ConfigureAwait(false);
        system["consent"] = await RecordAnonymiser.ScrubConsentsAsync(connection, tx, S, subject, [id], scrubber, ct).ConfigureAwait(false);
        // Users' saved views may look the person up by name or address; their names stay (unique per owner, chosen by the user).
        system["saved_view"] = await RecordAnonymiser.ScrubRowsAsync(connection, tx, $"{S}.saved_view", "id", ["filter", "search"], ["conditions"],
            "true", new { }, scrubber, ct).ConfigureAwait(false);
        system["audit"] = await RecordAnonymiser.EraseAuditAsync(connection, tx, S, model, ids, scrubber, ct).ConfigureAwait(false);

        var erasedFields = RecordAnonymiser.ErasableFields(subject).Select(f => f.Name).ToArray();
        await AuditWriter.AppendAsync(connection, tx, model.Names,
            new AuditEntry(AuditOperation.Erase, subject.Name, id, principal, RecordWriteOptions.Api) { RecordIds = ids, Fields = erasedFields }, ct)
            .ConfigureAwait(false);

        var logId = Guid.CreateVersion7();
        var log = await connection.QuerySingleAsync<string>(new CommandDefinition(
            $"""
             INSERT INTO {S}.deletion_log (id, kind, user_id, user_name, legal_basis, reason, subject_entity, subject_id, items, kept, system)
             VALUES (@logId, 'erasure', @userId, @userName, @basis, @reason, @entity, @id, @items::jsonb, @kept::jsonb, @system::jsonb)
             RETURNING to_jsonb(deletion_log)::text
             """,
            new
            {
                logId, userId = principal.UserId, userName = principal.UserName, basis = request.LegalBasis, reason = scrubber.Text(request.Reason),
                entity = subject.Name, id, items = items.ToJsonString(), kept = kept.ToJsonString(), system = system.ToJsonString(),
            }, tx, cancellationToken: ct)).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
        return JsonNode.Parse(log)!.AsObject();
    }

}
