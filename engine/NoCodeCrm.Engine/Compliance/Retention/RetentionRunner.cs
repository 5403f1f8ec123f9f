using System.Text.Json.Nodes;
using Dapper;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using NpgsqlTypes;
using NoCodeCrm.Engine.Audit;
using NoCodeCrm.Engine.Compiled;
using NoCodeCrm.Engine.Errors;
using NoCodeCrm.Engine.Metadata;
using NoCodeCrm.Engine.Metadata.Retention;
using NoCodeCrm.Engine.Records;
using NoCodeCrm.Engine.Rules;
using NoCodeCrm.Engine.Rules.Conditions;
using NoCodeCrm.Engine.Schema;
using NoCodeCrm.Engine.Security;

namespace NoCodeCrm.Engine.Compliance.Retention;

/// <summary>
/// Runs the model's retention policies: per policy, in batches of one transaction each, the records whose period has
/// passed and that match the condition are anonymised (personal fields cleared, their values cut out of free text,
/// system tables and the audit, as erasure does) or soft-deleted and anonymised. Each record gets a deletion log row,
/// each policy run a <c>retention_run</c> row.
/// </summary>
/// <remarks>
/// A record is a candidate only while it still holds something to remove (a personal value, or for <c>delete</c> not
/// being deleted yet), so a second run finds nothing and a run that stopped half-way resumes. Candidates are locked with
/// SKIP LOCKED: a nightly and an on-demand run at once share the work instead of logging a record twice. Like erasure,
/// writes go around the record pipeline (its audit and outbox hooks would copy the values being removed), so no
/// automation fires and restriction does not stop retention: the legal duty to destroy data whose period ended wins.
/// </remarks>
public sealed class RetentionRunner(NpgsqlDataSource dataSource, ModelRegistry registry, RuleEngine rules, RetentionOptions options,
    TimeProvider? time = null, ILogger<RetentionRunner>? logger = null)
{
    public const string ScheduleTrigger = "schedule";
    public const string ApiTrigger = "api";

    private readonly ILogger _logger = logger ?? NullLogger<RetentionRunner>.Instance;

    private string S => Sql.Quote(registry.Names.SystemSchema);

    /// <summary>An administrator's run of every policy, or of the one named; answers the runs logged.</summary>
    public Task<JsonArray> RunAsync(CrmPrincipal principal, string? policy, CancellationToken ct)
    {
        ComplianceAccess.Demand(principal);
        return RunAsync(ApiTrigger, principal.UserName, (time ?? TimeProvider.System).GetUtcNow(), policy, ct);
    }

    /// <summary>
    /// Runs every policy of the current model (or the one named) as of <paramref name="now"/>; one policy failing does
    /// not stop the others. Answers the <c>retention_run</c> rows written, one per policy.
    /// </summary>
    public async Task<JsonArray> RunAsync(string trigger, string startedBy, DateTimeOffset now, string? policy, CancellationToken ct)
    {
        var model = registry.Current;
        var policies = model.Model.Retention.Where(p => policy is null || p.Name == policy).ToArray();
        if (policy is not null && policies.Length == 0)
            throw CrmException.Invalid("There is no such retention policy.", [new CrmError("$.policy", "unknownPolicy", $"The model has no retention policy named '{policy}'.")]);
        var runs = new JsonArray();
        foreach (var definition in policies)
            runs.Add(await RunPolicyAsync(model, definition, trigger, startedBy, now, ct).ConfigureAwait(false));
        return runs;
    }

    /// <summary>The latest runs, newest first, optionally of one policy.</summary>
    public async Task<JsonArray> ListAsync(CrmPrincipal principal, string? policy, int top, CancellationToken ct)
    {
        ComplianceAccess.Demand(principal);
        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        var rows = await connection.QueryAsync<string>(new CommandDefinition(
            $"SELECT {RunJson} FROM {S}.retention_run r WHERE @policy::text IS NULL OR r.policy = @policy ORDER BY r.started_at DESC, r.id DESC LIMIT @top",
            new { policy, top }, cancellationToken: ct)).ConfigureAwait(false);
        return new JsonArray(rows.Select(r => JsonNode.Parse(r)).ToArray());
    }

    private const string RunJson =
        "jsonb_build_object('id', r.id, 'policy', r.policy, 'trigger', r.trigger, 'startedBy', r.user_name, 'startedAt', r.started_at, " +
        "'finishedAt', r.finished_at, 'recordsAffected', r.records_affected, 'summary', r.summary, 'error', r.error)::text";

    private async Task<JsonNode?> RunPolicyAsync(CompiledModel model, RetentionPolicyDefinition policy, string trigger, string startedBy, DateTimeOffset now,
        CancellationToken ct)
    {
        var runId = Guid.CreateVersion7();
        await using (var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false))
            await connection.ExecuteAsync(new CommandDefinition(
                $"INSERT INTO {S}.retention_run (id, trigger, user_name, policy) VALUES (@runId, @trigger, @startedBy, @policy)",
                new { runId, trigger, startedBy, policy = policy.Name }, cancellationToken: ct)).ConfigureAwait(false);

        var totals = new Totals();
        string? error = null;
        try
        {
            var entity = model.FindEntity(policy.Entity)
                ?? throw new InvalidOperationException($"The entity '{policy.Entity}' of retention policy '{policy.Name}' is not in the model.");
            for (var after = Guid.Empty; ;)
            {
                var last = await RunBatchAsync(model, entity, policy, runId, now, after, totals, ct).ConfigureAwait(false);
                if (last is not { } next) break;
                after = next;
            }
        }
        catch (Exception ex) when (ex is NpgsqlException or CrmException or InvalidOperationException && !ct.IsCancellationRequested)
        {
            // The run row keeps why; the batches committed before stay done, and the next run resumes with the rest.
            error = ex.Message;
            _logger.LogWarning(ex, "Retention policy {Policy} failed after {Count} records", policy.Name, totals.Records);
        }

        var summary = new JsonObject
        {
            ["entity"] = policy.Entity, ["action"] = policy.Action == RetentionAction.Delete ? "delete" : "anonymise", ["afterDays"] = policy.AfterDays,
            ["dateField"] = policy.DateField ?? "created_at", ["asOf"] = now.UtcDateTime, ["cascaded"] = totals.Cascaded, ["batches"] = totals.Batches,
            ["audit"] = totals.AuditRows,
        };
        await using (var connection = await dataSource.OpenConnectionAsync(CancellationToken.None).ConfigureAwait(false))
            return JsonNode.Parse(await connection.QuerySingleAsync<string>(new CommandDefinition(
                $"""
                 UPDATE {S}.retention_run r SET finished_at = now(), records_affected = @records, summary = @summary::jsonb, error = @error
                 WHERE r.id = @runId RETURNING {RunJson}
                 """, new { runId, records = totals.Records, summary = summary.ToJsonString(), error }, cancellationToken: CancellationToken.None))
                .ConfigureAwait(false));
    }

    /// <summary>One batch in one transaction; answers the last candidate's id to continue after, or null when there are no more.</summary>
    private async Task<Guid?> RunBatchAsync(CompiledModel model, CompiledEntity entity, RetentionPolicyDefinition policy, Guid runId, DateTimeOffset now,
        Guid after, Totals totals, CancellationToken ct)
    {
        var principal = new CrmPrincipal(CrmPrincipal.AdministratorId, "retention:" + policy.Name, true);
        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        var candidates = await CandidatesAsync(connection, tx, model, entity, policy, now, after, ct).ConfigureAwait(false);
        if (candidates.Count == 0) return null;

        var matched = new List<StoredRecord>();
        if (policy.Condition is { } condition)
        {
            var compiled = rules.CompileCondition(model, entity, condition, "retention:" + policy.Name);
            foreach (var record in candidates)
            {
                await RuleContextLoader.ExpandAsync(connection, tx, model, record, compiled.LookupPaths, ct).ConfigureAwait(false);
                if (compiled.Evaluate(new RuleContext(record, null, principal, now))) matched.Add(record);
            }
        }
        else matched.AddRange(candidates);

        if (matched.Count > 0)
        {
            await RemoveAsync(connection, tx, model, entity, policy, runId, principal, matched, totals, ct).ConfigureAwait(false);
            await tx.CommitAsync(ct).ConfigureAwait(false);
        }
        totals.Batches++;
        return candidates.Count < Math.Max(1, options.BatchSize) ? null : candidates[^1].Id;
    }

    private async Task<List<StoredRecord>> CandidatesAsync(NpgsqlConnection connection, NpgsqlTransaction tx, CompiledModel model, CompiledEntity entity,
        RetentionPolicyDefinition policy, DateTimeOffset now, Guid after, CancellationToken ct)
    {
        var dateField = policy.DateField ?? "created_at";
        var field = entity.FindField(dateField);
        var isDate = field?.Type == FieldType.Date;
        var dateColumn = field?.Column ?? Sql.Quote(dateField);
        var personal = RecordAnonymiser.ErasableFields(entity);
        var holdsPersonal = personal.Length == 0 ? "false" : string.Join(" OR ", personal.Select(f => $"t0.{f.Column} IS NOT NULL"));
        var pending = holdsPersonal;
        if (policy.Action == RetentionAction.Delete)
        {
            // A live record a restrict lookup still points at cannot be deleted; it waits (unlike a failing batch, it does not hold back the others).
            var restricted = string.Concat(entity.ReferencedBy.Where(r => r.OnDelete == OnDeleteBehavior.Restrict)
                .Select(r => $" AND NOT EXISTS (SELECT 1 FROM {model.FindEntity(r.Entity)!.Table} c WHERE c.{Sql.Quote(r.Field)} = t0.\"id\" AND c.\"deleted_at\" IS NULL)"));
            pending = $"(t0.\"deleted_at\" IS NULL{restricted}) OR {holdsPersonal}";
        }
        await using var command = new NpgsqlCommand(
            $"""
             SELECT {entity.SelectList} FROM {entity.Table} t0
             WHERE t0.{dateColumn} < @cutoff AND t0."id" > @after AND ({pending})
             ORDER BY t0."id" LIMIT @batch FOR UPDATE SKIP LOCKED
             """, connection, tx);
        if (isDate) command.Parameters.Add(new NpgsqlParameter<DateOnly>("cutoff", DateOnly.FromDateTime(now.UtcDateTime).AddDays(-policy.AfterDays)));
        else command.Parameters.Add(new NpgsqlParameter<DateTime>("cutoff", now.UtcDateTime.AddDays(-policy.AfterDays)));
        command.Parameters.Add(new NpgsqlParameter<Guid>("after", after));
        command.Parameters.Add(new NpgsqlParameter<int>("batch", Math.Max(1, options.BatchSize)));
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        return await RecordReader.ReadAllAsync(reader, entity, ct).ConfigureAwait(false);
    }

    private async Task RemoveAsync(NpgsqlConnection connection, NpgsqlTransaction tx, CompiledModel model, CompiledEntity entity,
        RetentionPolicyDefinition policy, Guid runId, CrmPrincipal principal, List<StoredRecord> matched, Totals totals, CancellationToken ct)
    {
        var options = new RecordWriteOptions { Source = "retention", Rule = policy.Name };
        var groups = new List<(CompiledEntity Entity, Guid[] Ids, bool Cascaded)> { (entity, matched.Select(r => r.Id).ToArray(), false) };
        var deleted = new List<(CompiledEntity Entity, Guid[] Ids)>();
        if (policy.Action == RetentionAction.Delete)
        {
            var live = matched.Where(r => r.DeletedAt is null).Select(r => r.Id).ToArray();
            if (live.Length > 0)
            {
                var deletedAt = await connection.ExecuteScalarAsync<DateTime>(new CommandDefinition("SELECT now()", transaction: tx, cancellationToken: ct))
                    .ConfigureAwait(false);
                await RecordService.SoftDeleteAsync(connection, tx, model, principal, entity, live, deletedAt, depth: 0, ct).ConfigureAwait(false);
                deleted.Add((entity, live));
                var cascaded = new List<(CompiledEntity Entity, Guid[] Ids)>();
                await CascadedAsync(connection, tx, model, entity, live, deletedAt, cascaded, ct).ConfigureAwait(false);
                deleted.AddRange(cascaded);
                groups.AddRange(cascaded.Select(c => (c.Entity, c.Ids, true)));
            }
        }

        var ids = groups.SelectMany(g => g.Ids).ToArray();
        var values = new List<string>();
        var addresses = new List<string>();
        foreach (var group in groups)
        {
            values.AddRange(await RecordAnonymiser.PersonalValuesAsync(connection, tx, group.Entity, group.Ids, ct).ConfigureAwait(false));
            values.AddRange(await RecordAnonymiser.ConsentRecipientsAsync(connection, tx, S, group.Entity, group.Ids, ct).ConfigureAwait(false));
            // Messages sent to them are found by address too, as erasure finds them; read before the fields are cleared.
            if (RecordAnonymiser.ErasableFields(group.Entity).Any(f => f.Type is FieldType.Email or FieldType.Phone))
                addresses.AddRange(await PersonExporter.AddressesAsync(connection, group.Entity, group.Ids, ct, tx).ConfigureAwait(false));
        }
        values.AddRange(await RecordAnonymiser.FormerValuesAsync(connection, tx, S, model, ids, ct).ConfigureAwait(false));
        var scrubber = new ValueScrubber(values);
        foreach (var group in groups)
            await RecordAnonymiser.AnonymiseAsync(connection, tx, group.Entity, group.Ids, scrubber, [], [], ct).ConfigureAwait(false);
        await RecordAnonymiser.ScrubSystemTablesAsync(connection, tx, S, ids, addresses.Distinct().ToArray(), scrubber, ct).ConfigureAwait(false);
        foreach (var group in groups)
            await RecordAnonymiser.ScrubConsentsAsync(connection, tx, S, group.Entity, group.Ids, scrubber, ct).ConfigureAwait(false);
        totals.AuditRows += await RecordAnonymiser.EraseAuditAsync(connection, tx, S, model, ids, scrubber, ct).ConfigureAwait(false);

        // Appended after the rewrite: these rows name fields, never values.
        foreach (var (deletedEntity, deletedIds) in deleted)
            await AuditWriter.AppendAsync(connection, tx, model.Names, new AuditEntry(AuditOperation.Delete, deletedEntity.Name, null, principal, options), ct,
                deletedIds).ConfigureAwait(false);
        foreach (var group in groups)
        {
            var fields = RecordAnonymiser.ErasableFields(group.Entity).Select(f => f.Name).ToArray();
            if (fields.Length > 0)
                await AuditWriter.AppendAsync(connection, tx, model.Names,
                    new AuditEntry(AuditOperation.Erase, group.Entity.Name, null, principal, options) { Fields = fields }, ct, group.Ids).ConfigureAwait(false);
            await LogDeletionAsync(connection, tx, policy, runId, group.Entity, group.Ids, group.Cascaded ? entity.Name : null, fields, ct).ConfigureAwait(false);
        }
        totals.Records += matched.Count;
        totals.Cascaded += groups.Where(g => g.Cascaded).Sum(g => g.Ids.Length);
    }

    /// <summary>The records a soft delete at <paramref name="deletedAt"/> cascaded to, level by level (as restore finds them).</summary>
    private static async Task CascadedAsync(NpgsqlConnection connection, NpgsqlTransaction tx, CompiledModel model, CompiledEntity entity, Guid[] ids,
        DateTime deletedAt, List<(CompiledEntity Entity, Guid[] Ids)> found, CancellationToken ct)
    {
        foreach (var reference in entity.ReferencedBy.Where(r => r.OnDelete == OnDeleteBehavior.Cascade))
        {
            var child = model.FindEntity(reference.Entity)!;
            var children = (await connection.QueryAsync<Guid>(new CommandDefinition(
                $"SELECT \"id\" FROM {child.Table} WHERE {Sql.Quote(reference.Field)} = ANY(@ids) AND \"deleted_at\" = @deletedAt",
                new { ids, deletedAt }, tx, cancellationToken: ct)).ConfigureAwait(false)).ToArray();
            if (children.Length == 0) continue;
            found.Add((child, children));
            await CascadedAsync(connection, tx, model, child, children, deletedAt, found, ct).ConfigureAwait(false);
        }
    }

    /// <summary>One deletion log row per record: what was removed, under which policy and legal basis; never a value.</summary>
    private async Task LogDeletionAsync(NpgsqlConnection connection, NpgsqlTransaction tx, RetentionPolicyDefinition policy, Guid runId,
        CompiledEntity entity, Guid[] ids, string? cascadeOf, string[] fields, CancellationToken ct)
    {
        var kept = new JsonArray(entity.Fields.Where(f => f.Definition.PersonalData && f.Definition.LegalRetention is not null)
            .Select(f => (JsonNode)new JsonObject { ["entity"] = entity.Name, ["field"] = f.Name, ["legalRetention"] = f.Definition.LegalRetention }).ToArray());
        var item = new JsonObject
        {
            ["entity"] = entity.Name, ["fields"] = RecordAnonymiser.ToArray(fields),
            ["action"] = policy.Action == RetentionAction.Delete ? "delete" : "anonymise",
        };
        if (cascadeOf is not null) item["cascadeOf"] = cascadeOf;
        var reason = $"{policy.AfterDays} days after {policy.DateField ?? "created_at"}" + (cascadeOf is null ? "" : $" (cascaded from a deleted {cascadeOf})");
        await using var command = new NpgsqlCommand(
            $"""
             INSERT INTO {S}.deletion_log (id, kind, user_id, user_name, legal_basis, reason, subject_entity, subject_id, policy, retention_run, items, kept)
             SELECT u.log_id, 'retention', NULL, @userName, @basis, @reason, @entity, u.id, @policy, @runId,
                    jsonb_build_array(@item::jsonb || jsonb_build_object('ids', jsonb_build_array(u.id))), @kept::jsonb
             FROM unnest(@logIds, @ids) AS u(log_id, id)
             """, connection, tx);
        command.Parameters.AddWithValue("userName", "retention:" + policy.Name);
        command.Parameters.AddWithValue("basis", policy.LegalBasis ?? $"Retention period of {policy.AfterDays} days (retention policy {policy.Name})");
        command.Parameters.AddWithValue("reason", reason);
        command.Parameters.AddWithValue("entity", entity.Name);
        command.Parameters.AddWithValue("policy", policy.Name);
        command.Parameters.AddWithValue("runId", runId);
        command.Parameters.Add(new NpgsqlParameter("item", NpgsqlDbType.Jsonb) { Value = item.ToJsonString() });
        command.Parameters.Add(new NpgsqlParameter("kept", NpgsqlDbType.Jsonb) { Value = kept.ToJsonString() });
        command.Parameters.Add(new NpgsqlParameter<Guid[]>("logIds", ids.Select(_ => Guid.CreateVersion7()).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<Guid[]>("ids", ids));
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    private sealed class Totals
    {
        public int Records { get; set; }
        public int Cascaded { get; set; }
        public int Batches { get; set; }
        public int AuditRows { get; set; }
    }
}
