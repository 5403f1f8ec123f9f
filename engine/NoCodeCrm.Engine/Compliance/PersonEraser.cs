using System.Text.Json.Nodes;
using Dapper;
using Npgsql;
using NpgsqlTypes;
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
    private static readonly FieldType[] TextTypes = [FieldType.Text, FieldType.Textarea, FieldType.Email, FieldType.Phone, FieldType.Url];

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
        values.AddRange(await PersonalValuesAsync(connection, tx, subject, [id], ct).ConfigureAwait(false));
        foreach (var group in scope.Related)
            values.AddRange(await PersonalValuesAsync(connection, tx, group.Entity, group.Ids, ct).ConfigureAwait(false));
        values.AddRange(await connection.QueryAsync<string>(new CommandDefinition(
            $"SELECT DISTINCT recipient FROM {S}.consent WHERE subject_entity = @entity AND subject_id = @id AND recipient IS NOT NULL",
            new { entity = subject.Name, id }, tx, cancellationToken: ct)).ConfigureAwait(false));
        values.AddRange(await FormerValuesAsync(connection, tx, model, ids, ct).ConfigureAwait(false));
        var scrubber = new ValueScrubber(values);
        var addresses = await PersonExporter.AddressesAsync(connection, subject, id, ct, tx).ConfigureAwait(false);

        var items = new JsonArray();
        var kept = new JsonArray();
        await AnonymiseAsync(connection, tx, subject, [id], scrubber, items, kept, ct).ConfigureAwait(false);
        foreach (var group in scope.Related)
            await AnonymiseAsync(connection, tx, group.Entity, group.Ids, scrubber, items, kept, ct).ConfigureAwait(false);

        var system = new JsonObject();
        foreach (var relation in scope.Relations)
        {
            var textFields = relation.Fields.Where(f => !f.Retired && TextTypes.Contains(f.Type) && f.LegalRetention is null).Select(f => f.Name).ToArray();
            var side = relation.From == subject.Name ? "source_id" : "target_id";
            var changed = await ScrubRowsAsync(connection, tx, model.Names.Table(relation.Name), "id", textFields, [], $"{side} = @id", new { id }, scrubber, ct)
                .ConfigureAwait(false);
            if (changed > 0) items.Add(new JsonObject { ["relation"] = relation.Name, ["links"] = changed, ["fields"] = ToArray(textFields) });
        }

        system["message"] = await ScrubRowsAsync(connection, tx, $"{S}.message", "id", ["recipient", "subject", "text", "html", "provider_response", "error"], [],
            "record_id = ANY(@ids) OR lower(recipient) = ANY(@addresses)", new { ids, addresses }, scrubber, ct).ConfigureAwait(false);
        system["event"] = await ScrubRowsAsync(connection, tx, $"{S}.event", "id", ["source"], ["data"], "record_id = ANY(@ids)", new { ids }, scrubber, ct)
            .ConfigureAwait(false);
        system["outbox"] = await ScrubRowsAsync(connection, tx, $"{S}.outbox", "id", ["last_error"], ["payload"], "record_id = ANY(@ids)", new { ids }, scrubber, ct)
            .ConfigureAwait(false);
        system["automation_run"] = await ScrubRowsAsync(connection, tx, $"{S}.automation_run", "id", ["last_error"], ["input", "steps"],
            "record_id = ANY(@ids)", new { ids }, scrubber, ct).ConfigureAwait(false);
        system["automation_effect"] = await ScrubRowsAsync(connection, tx, $"{S}.automation_effect", "action_key", [], ["result"],
            "record_id = ANY(@ids) OR action_key IN (SELECT action_key FROM " + S + ".message WHERE record_id = ANY(@ids) AND action_key IS NOT NULL)",
            new { ids }, scrubber, ct).ConfigureAwait(false);
        // The decision, its purpose, channel, time, text version and source stay as proof (ETK: that we may, or may no
        // longer, contact them); how to reach them and the proof's IP, browser and document go.
        system["consent"] = await connection.ExecuteAsync(new CommandDefinition(
            $"""
             UPDATE {S}.consent SET recipient = NULL, proof_ip = NULL, proof_user_agent = NULL, proof_document = NULL
             WHERE subject_entity = @entity AND subject_id = @id
             """, new { entity = subject.Name, id }, tx, cancellationToken: ct)).ConfigureAwait(false);
        await ScrubRowsAsync(connection, tx, $"{S}.consent", "id", ["source"], [], "subject_entity = @entity AND subject_id = @id",
            new { entity = subject.Name, id }, scrubber, ct).ConfigureAwait(false);
        await ScrubRowsAsync(connection, tx, $"{S}.restriction", "subject_id", ["reason"], [], "subject_entity = @entity AND subject_id = @id",
            new { entity = subject.Name, id }, scrubber, ct).ConfigureAwait(false);
        system["audit"] = await EraseAuditAsync(connection, tx, model, ids, scrubber, ct).ConfigureAwait(false);

        var erasedFields = subject.Fields.Where(f => f.Definition.PersonalData && f.Definition.LegalRetention is null).Select(f => f.Name).ToArray();
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

    /// <summary>Personal fields (not legally retained) of these records, every value as text.</summary>
    private static async Task<IEnumerable<string>> PersonalValuesAsync(NpgsqlConnection connection, NpgsqlTransaction tx, CompiledEntity entity,
        IReadOnlyList<Guid> ids, CancellationToken ct)
    {
        var fields = entity.Fields.Where(f => f.Definition.PersonalData && f.Definition.LegalRetention is null).ToArray();
        if (fields.Length == 0) return [];
        return await connection.QueryAsync<string>(new CommandDefinition(
            $"SELECT DISTINCT v FROM {entity.Table}, unnest(ARRAY[{string.Join(", ", fields.Select(f => f.Column + "::text"))}]) v WHERE id = ANY(@ids) AND v <> ''",
            new { ids = ids.ToArray() }, tx, cancellationToken: ct)).ConfigureAwait(false);
    }

    /// <summary>
    /// Personal values the records held before (an old e-mail address, a maiden name), read from the audit's old → new
    /// values: outbox entries and run inputs may still carry them.
    /// </summary>
    private async Task<IEnumerable<string>> FormerValuesAsync(NpgsqlConnection connection, NpgsqlTransaction tx, CompiledModel model, Guid[] ids,
        CancellationToken ct)
    {
        var rows = await connection.QueryAsync<(string Entity, string Changes)>(new CommandDefinition(
            $"SELECT entity, changes::text FROM {S}.audit WHERE record_id = ANY(@ids) AND changes IS NOT NULL", new { ids }, tx, cancellationToken: ct))
            .ConfigureAwait(false);
        var values = new List<string>();
        foreach (var (entityName, text) in rows)
        {
            if (model.FindEntity(entityName) is not { } entity || JsonNode.Parse(text) is not JsonObject changes) continue;
            foreach (var field in entity.Fields.Where(f => f.Definition.PersonalData && f.Definition.LegalRetention is null))
                if (changes[field.Name] is JsonObject change)
                    foreach (var side in new[] { "old", "new" })
                        if (change[side] is JsonValue value && value.TryGetValue<string>(out var s)) values.Add(s);
        }
        return values;
    }

    private static async Task AnonymiseAsync(NpgsqlConnection connection, NpgsqlTransaction tx, CompiledEntity entity, IReadOnlyList<Guid> ids,
        ValueScrubber scrubber, JsonArray items, JsonArray kept, CancellationToken ct)
    {
        foreach (var field in entity.Fields.Where(f => f.Definition.PersonalData && f.Definition.LegalRetention is not null))
            kept.Add(new JsonObject { ["entity"] = entity.Name, ["field"] = field.Name, ["legalRetention"] = field.Definition.LegalRetention });
        var personal = entity.Fields.Where(f => f.Definition.PersonalData && f.Definition.LegalRetention is null).ToArray();
        if (personal.Length > 0)
            await connection.ExecuteAsync(new CommandDefinition(
                $"UPDATE {entity.Table} SET \"version\" = \"version\" + 1, \"updated_at\" = now(), " +
                string.Join(", ", personal.Select(f => $"{f.Column} = NULL")) + " WHERE id = ANY(@ids)",
                new { ids = ids.ToArray() }, tx, cancellationToken: ct)).ConfigureAwait(false);
        var texts = entity.Fields.Where(f => !f.Definition.PersonalData && f.Definition.LegalRetention is null && TextTypes.Contains(f.Type))
            .Select(f => f.Name).ToArray();
        var scrubbed = await ScrubRowsAsync(connection, tx, entity.Table, "id", texts, [], "id = ANY(@ids)", new { ids = ids.ToArray() }, scrubber, ct)
            .ConfigureAwait(false);
        if (personal.Length > 0 || scrubbed > 0)
            items.Add(new JsonObject
            {
                ["entity"] = entity.Name, ["ids"] = ToArray(ids.Select(i => i.ToString())), ["fields"] = ToArray(personal.Select(f => f.Name)),
                ["textsScrubbed"] = scrubbed,
            });
    }

    /// <summary>Rewrites the matching rows' text and JSON columns without the identifying values; returns how many rows changed.</summary>
    private static async Task<int> ScrubRowsAsync(NpgsqlConnection connection, NpgsqlTransaction tx, string table, string key, string[] textColumns,
        string[] jsonColumns, string where, object args, ValueScrubber scrubber, CancellationToken ct)
    {
        if (scrubber.IsEmpty || textColumns.Length + jsonColumns.Length == 0) return 0;
        var columns = textColumns.Concat(jsonColumns).ToArray();
        var rows = await connection.QueryAsync(new CommandDefinition(
            $"SELECT {Sql.Quote(key)}::text AS k, {string.Join(", ", columns.Select((c, i) => $"{Sql.Quote(c)}::text AS c{i}"))} FROM {table} WHERE {where}",
            args, tx, cancellationToken: ct)).ConfigureAwait(false);
        var changed = 0;
        foreach (IDictionary<string, object?> row in rows)
        {
            using var update = new NpgsqlCommand { Connection = connection, Transaction = tx };
            var sets = new List<string>();
            for (var i = 0; i < columns.Length; i++)
            {
                if (row[$"c{i}"] is not string before) continue;
                var json = i >= textColumns.Length;
                var after = json ? scrubber.Json(JsonNode.Parse(before))?.ToJsonString() ?? "null" : scrubber.Text(before)!;
                if (json ? JsonNode.DeepEquals(JsonNode.Parse(before), JsonNode.Parse(after)) : after == before) continue;
                sets.Add($"{Sql.Quote(columns[i])} = @v{i}");
                update.Parameters.Add(new NpgsqlParameter($"v{i}", json ? NpgsqlDbType.Jsonb : NpgsqlDbType.Text) { Value = after });
            }
            if (sets.Count == 0) continue;
            update.CommandText = $"UPDATE {table} SET {string.Join(", ", sets)} WHERE {Sql.Quote(key)}::text = @key";
            update.Parameters.AddWithValue("key", (string)row["k"]!);
            await update.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            changed++;
        }
        return changed;
    }

    /// <summary>
    /// Audit rows about the person or their records: personal fields' old/new values become the marker whatever their type,
    /// and identifying values are cut out of the rest. Who did what, when, to which record and field stays.
    /// </summary>
    private async Task<int> EraseAuditAsync(NpgsqlConnection connection, NpgsqlTransaction tx, CompiledModel model, Guid[] ids, ValueScrubber scrubber,
        CancellationToken ct)
    {
        var rows = await connection.QueryAsync<(long Id, string Entity, string Changes)>(new CommandDefinition(
            $"SELECT id, entity, changes::text FROM {S}.audit WHERE (record_id = ANY(@ids) OR record_ids && @ids) AND changes IS NOT NULL",
            new { ids }, tx, cancellationToken: ct)).ConfigureAwait(false);
        var changedIds = new List<long>();
        var changedValues = new List<string>();
        foreach (var (auditId, entityName, text) in rows)
        {
            var before = JsonNode.Parse(text);
            var personal = model.FindEntity(entityName)?.Fields.Where(f => f.Definition.PersonalData && f.Definition.LegalRetention is null)
                .Select(f => f.Name).ToHashSet(StringComparer.Ordinal) ?? [];
            var after = scrubber.Json(before);
            if (after is JsonObject changes)
                foreach (var name in personal)
                    if (changes[name] is JsonObject change)
                        foreach (var side in new[] { "old", "new" })
                            if (change.ContainsKey(side) && change[side] is not null) change[side] = ValueScrubber.Marker;
            if (JsonNode.DeepEquals(before, after)) continue;
            changedIds.Add(auditId);
            changedValues.Add(after!.ToJsonString());
        }
        if (changedIds.Count == 0) return 0;
        await using var command = new NpgsqlCommand($"SELECT {S}.audit_erase_changes(@ids, @changes)", connection, tx);
        command.Parameters.AddWithValue("ids", changedIds.ToArray());
        command.Parameters.Add(new NpgsqlParameter("changes", NpgsqlDbType.Array | NpgsqlDbType.Jsonb) { Value = changedValues.ToArray() });
        return Convert.ToInt32(await command.ExecuteScalarAsync(ct).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static JsonArray ToArray(IEnumerable<string> values) => new(values.Select(v => (JsonNode)JsonValue.Create(v)!).ToArray());
}
