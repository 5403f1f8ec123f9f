using System.Text.Json.Nodes;
using Dapper;
using Npgsql;
using NpgsqlTypes;
using NoCodeCrm.Engine.Compiled;
using NoCodeCrm.Engine.Metadata;
using NoCodeCrm.Engine.Schema;

namespace NoCodeCrm.Engine.Compliance;

/// <summary>
/// The anonymising steps erasure and retention share: which values identify records, clearing their personal fields,
/// cutting those values out of free text and system tables, and rewriting the audit's copies through
/// <c>audit_erase_changes</c>. Every step runs in the caller's transaction.
/// </summary>
internal static class RecordAnonymiser
{
    public static readonly FieldType[] TextTypes = [FieldType.Text, FieldType.Textarea, FieldType.Email, FieldType.Phone, FieldType.Url];

    /// <summary>Personal fields without a legal retention reason: the ones anonymisation clears.</summary>
    public static CompiledField[] ErasableFields(CompiledEntity entity) =>
        entity.Fields.Where(f => f.Definition.PersonalData && f.Definition.LegalRetention is null).ToArray();

    /// <summary>Personal fields (not legally retained) of these records, every value as text.</summary>
    public static async Task<IEnumerable<string>> PersonalValuesAsync(NpgsqlConnection connection, NpgsqlTransaction tx, CompiledEntity entity,
        IReadOnlyList<Guid> ids, CancellationToken ct)
    {
        var fields = ErasableFields(entity);
        if (fields.Length == 0) return [];
        return await connection.QueryAsync<string>(new CommandDefinition(
            $"SELECT DISTINCT v FROM {entity.Table}, unnest(ARRAY[{string.Join(", ", fields.Select(f => f.Column + "::text"))}]) v WHERE id = ANY(@ids) AND v <> ''",
            new { ids = ids.ToArray() }, tx, cancellationToken: ct)).ConfigureAwait(false);
    }

    /// <summary>The addresses consents of these records were given for: values to cut out of messages and logs like their own fields.</summary>
    public static Task<IEnumerable<string>> ConsentRecipientsAsync(NpgsqlConnection connection, NpgsqlTransaction tx, string s, CompiledEntity entity,
        Guid[] ids, CancellationToken ct) =>
        connection.QueryAsync<string>(new CommandDefinition(
            $"SELECT DISTINCT recipient FROM {s}.consent WHERE subject_entity = @entity AND subject_id = ANY(@ids) AND recipient IS NOT NULL",
            new { entity = entity.Name, ids }, tx, cancellationToken: ct));

    /// <summary>
    /// The consents and restriction of these records keep the decision, its purpose, channel, time, text version and source as proof
    /// (ETK: that we may, or may no longer, contact them); how to reach them and the proof's IP, browser and document go. Returns how
    /// many consent rows were cleared.
    /// </summary>
    public static async Task<int> ScrubConsentsAsync(NpgsqlConnection connection, NpgsqlTransaction tx, string s, CompiledEntity entity, Guid[] ids,
        ValueScrubber scrubber, CancellationToken ct)
    {
        var args = new { entity = entity.Name, ids };
        var cleared = await connection.ExecuteAsync(new CommandDefinition(
            $"""
             UPDATE {s}.consent SET recipient = NULL, proof_ip = NULL, proof_user_agent = NULL, proof_document = NULL
             WHERE subject_entity = @entity AND subject_id = ANY(@ids)
             """, args, tx, cancellationToken: ct)).ConfigureAwait(false);
        await ScrubRowsAsync(connection, tx, $"{s}.consent", "id", ["source"], [], "subject_entity = @entity AND subject_id = ANY(@ids)", args, scrubber, ct)
            .ConfigureAwait(false);
        await ScrubRowsAsync(connection, tx, $"{s}.restriction", "subject_id", ["reason"], [], "subject_entity = @entity AND subject_id = ANY(@ids)", args, scrubber, ct)
            .ConfigureAwait(false);
        return cleared;
    }

    /// <summary>
    /// Personal values the records held before (an old e-mail address, a maiden name), read from the audit's old → new
    /// values: outbox entries and run inputs may still carry them.
    /// </summary>
    public static async Task<IEnumerable<string>> FormerValuesAsync(NpgsqlConnection connection, NpgsqlTransaction tx, string s, CompiledModel model,
        Guid[] ids, CancellationToken ct)
    {
        var rows = await connection.QueryAsync<(string Entity, string Changes)>(new CommandDefinition(
            $"SELECT entity, changes::text FROM {s}.audit WHERE record_id = ANY(@ids) AND changes IS NOT NULL", new { ids }, tx, cancellationToken: ct))
            .ConfigureAwait(false);
        var values = new List<string>();
        foreach (var (entityName, text) in rows)
        {
            if (model.FindEntity(entityName) is not { } entity || JsonNode.Parse(text) is not JsonObject changes) continue;
            foreach (var field in ErasableFields(entity))
                if (changes[field.Name] is JsonObject change)
                    foreach (var side in new[] { "old", "new" })
                        if (change[side] is JsonValue value && value.TryGetValue<string>(out var v)) values.Add(v);
        }
        return values;
    }

    /// <summary>
    /// Clears the records' personal fields, cuts the identifying values out of their other text fields, and adds what
    /// was done to <paramref name="items"/> (and legally retained fields to <paramref name="kept"/>); returns whether anything changed.
    /// </summary>
    public static async Task<bool> AnonymiseAsync(NpgsqlConnection connection, NpgsqlTransaction tx, CompiledEntity entity, IReadOnlyList<Guid> ids,
        ValueScrubber scrubber, JsonArray items, JsonArray kept, CancellationToken ct)
    {
        foreach (var field in entity.Fields.Where(f => f.Definition.PersonalData && f.Definition.LegalRetention is not null))
            kept.Add(new JsonObject { ["entity"] = entity.Name, ["field"] = field.Name, ["legalRetention"] = field.Definition.LegalRetention });
        var personal = ErasableFields(entity);
        if (personal.Length > 0)
            await connection.ExecuteAsync(new CommandDefinition(
                $"UPDATE {entity.Table} SET \"version\" = \"version\" + 1, \"updated_at\" = now(), " +
                string.Join(", ", personal.Select(f => $"{f.Column} = NULL")) + " WHERE id = ANY(@ids)",
                new { ids = ids.ToArray() }, tx, cancellationToken: ct)).ConfigureAwait(false);
        var texts = entity.Fields.Where(f => !f.Definition.PersonalData && f.Definition.LegalRetention is null && TextTypes.Contains(f.Type))
            .Select(f => f.Name).ToArray();
        var scrubbed = await ScrubRowsAsync(connection, tx, entity.Table, "id", texts, [], "id = ANY(@ids)", new { ids = ids.ToArray() }, scrubber, ct)
            .ConfigureAwait(false);
        if (personal.Length == 0 && scrubbed == 0) return false;
        items.Add(new JsonObject
        {
            ["entity"] = entity.Name, ["ids"] = ToArray(ids.Select(i => i.ToString())), ["fields"] = ToArray(personal.Select(f => f.Name)),
            ["textsScrubbed"] = scrubbed,
        });
        return true;
    }

    /// <summary>
    /// Cuts the identifying values out of the system tables' copies about these records: messages (also those sent to
    /// <paramref name="addresses"/>), events, outbox entries, automation runs and effects. Returns rows changed per table.
    /// </summary>
    public static async Task<JsonObject> ScrubSystemTablesAsync(NpgsqlConnection connection, NpgsqlTransaction tx, string s, Guid[] ids, string[] addresses,
        ValueScrubber scrubber, CancellationToken ct)
    {
        var system = new JsonObject();
        system["message"] = await ScrubRowsAsync(connection, tx, $"{s}.message", "id", ["recipient", "subject", "text", "html", "provider_response", "error"], [],
            "record_id = ANY(@ids) OR lower(recipient) = ANY(@addresses)", new { ids, addresses }, scrubber, ct).ConfigureAwait(false);
        system["event"] = await ScrubRowsAsync(connection, tx, $"{s}.event", "id", ["source"], ["data"], "record_id = ANY(@ids)", new { ids }, scrubber, ct)
            .ConfigureAwait(false);
        system["outbox"] = await ScrubRowsAsync(connection, tx, $"{s}.outbox", "id", ["last_error"], ["payload"], "record_id = ANY(@ids)", new { ids }, scrubber, ct)
            .ConfigureAwait(false);
        system["automation_run"] = await ScrubRowsAsync(connection, tx, $"{s}.automation_run", "id", ["last_error"], ["input", "steps"],
            "record_id = ANY(@ids)", new { ids }, scrubber, ct).ConfigureAwait(false);
        system["automation_effect"] = await ScrubRowsAsync(connection, tx, $"{s}.automation_effect", "action_key", [], ["result"],
            "record_id = ANY(@ids) OR action_key IN (SELECT action_key FROM " + s + ".message WHERE record_id = ANY(@ids) AND action_key IS NOT NULL)",
            new { ids }, scrubber, ct).ConfigureAwait(false);
        return system;
    }

    /// <summary>Rewrites the matching rows' text and JSON columns without the identifying values; returns how many rows changed.</summary>
    public static async Task<int> ScrubRowsAsync(NpgsqlConnection connection, NpgsqlTransaction tx, string table, string key, string[] textColumns,
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
    /// Audit rows about these records: personal fields' old/new values become the marker whatever their type, and
    /// identifying values are cut out of the rest. Who did what, when, to which record and field stays.
    /// </summary>
    public static async Task<int> EraseAuditAsync(NpgsqlConnection connection, NpgsqlTransaction tx, string s, CompiledModel model, Guid[] ids,
        ValueScrubber scrubber, CancellationToken ct)
    {
        var rows = await connection.QueryAsync<(long Id, string Entity, string Changes)>(new CommandDefinition(
            $"SELECT id, entity, changes::text FROM {s}.audit WHERE (record_id = ANY(@ids) OR record_ids && @ids) AND changes IS NOT NULL",
            new { ids }, tx, cancellationToken: ct)).ConfigureAwait(false);
        var changedIds = new List<long>();
        var changedValues = new List<string>();
        foreach (var (auditId, entityName, text) in rows)
        {
            var before = JsonNode.Parse(text);
            var personal = model.FindEntity(entityName) is { } entity ? ErasableFields(entity).Select(f => f.Name) : [];
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
        await using var command = new NpgsqlCommand($"SELECT {s}.audit_erase_changes(@ids, @changes)", connection, tx);
        command.Parameters.AddWithValue("ids", changedIds.ToArray());
        command.Parameters.Add(new NpgsqlParameter("changes", NpgsqlDbType.Array | NpgsqlDbType.Jsonb) { Value = changedValues.ToArray() });
        return Convert.ToInt32(await command.ExecuteScalarAsync(ct).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
    }

    public static JsonArray ToArray(IEnumerable<string> values) => new(values.Select(v => (JsonNode)JsonValue.Create(v)!).ToArray());
}
