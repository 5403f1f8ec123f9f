using System.Text.Json;
using Dapper;
using Microsoft.Extensions.Logging;
using Npgsql;
using NoCodeCrm.Engine.Automation.Compiled;
using NoCodeCrm.Engine.Compiled;
using NoCodeCrm.Engine.Metadata.Automation;
using NoCodeCrm.Engine.Records;
using NoCodeCrm.Engine.Schema;
using NoCodeCrm.Engine.Security;

namespace NoCodeCrm.Engine.Automation.Execution;

/// <summary>
/// Turns outbox events into runs: claims a batch with <c>FOR UPDATE SKIP LOCKED</c>, evaluates each triggered rule's
/// condition and inserts one run per rule that holds, all in one transaction, so an event is fanned out exactly once
/// (the unique (outbox id, rule) key makes a replayed event harmless too).
/// </summary>
public sealed class AutomationFanOut(NpgsqlDataSource dataSource, ModelRegistry registry, AutomationCatalogs catalogs,
    AutomationOptions options, ILogger<AutomationFanOut> logger, IAutomationConditionCompiler? conditions = null)
{
    /// <summary>The NOTIFY channel run workers LISTEN on.</summary>
    public const string RunChannel = "nocodecrm_runs";

    private sealed record OutboxRow(long Id, string Type, string? Entity, Guid? RecordId, string Payload, int Depth, string? Rule);

    /// <summary>Fans out one batch of due events; returns how many events it took.</summary>
    public async Task<int> ProcessBatchAsync(CancellationToken ct)
    {
        var s = Sql.Quote(registry.Names.SystemSchema);
        var model = registry.Current;
        var catalog = catalogs.For(model);
        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        var rows = (await connection.QueryAsync<OutboxRow>(new CommandDefinition(
            $"""
             SELECT id, type, entity, record_id AS RecordId, payload::text AS Payload, depth, rule FROM {s}.outbox
             WHERE status = 'pending' AND available_at <= now() ORDER BY id LIMIT @limit FOR UPDATE SKIP LOCKED
             """, new { limit = options.BatchSize }, tx, cancellationToken: ct)).ConfigureAwait(false)).AsList();
        if (rows.Count == 0) return 0;
        var runs = 0;
        foreach (var row in rows)
        {
            using var payload = JsonDocument.Parse(row.Payload);
            foreach (var rule in RulesFor(catalog, row, payload.RootElement))
            {
                var run = await DecideAsync(connection, tx, model, rule, row, payload.RootElement, ct).ConfigureAwait(false);
                if (run is null) continue;
                runs += await connection.ExecuteAsync(new CommandDefinition(
                    $"""
                     INSERT INTO {s}.automation_run (id, rule, trigger_type, outbox_id, entity, record_id, depth, input, status, last_error, finished_at)
                     VALUES (@id, @rule, @triggerType, @outboxId, @entity, @recordId, @depth, @input::jsonb, @status, @error,
                             CASE WHEN @status IN ('pending') THEN NULL ELSE now() END)
                     ON CONFLICT (outbox_id, rule) DO NOTHING
                     """,
                    new
                    {
                        id = Guid.CreateVersion7(), rule = rule.Name, triggerType = row.Type, outboxId = row.Id, entity = row.Entity,
                        recordId = row.RecordId, depth = row.Depth, input = run.Value.Input, status = run.Value.Status, error = run.Value.Error,
                    }, tx, cancellationToken: ct)).ConfigureAwait(false);
            }
        }
        await connection.ExecuteAsync(new CommandDefinition(
            $"UPDATE {s}.outbox SET status = 'done', attempts = attempts + 1 WHERE id = ANY(@ids); SELECT pg_notify('{RunChannel}', '');",
            new { ids = rows.Select(r => r.Id).ToArray() }, tx, cancellationToken: ct)).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
        if (runs > 0) logger.LogDebug("Fanned out {Events} outbox events into {Runs} runs", rows.Count, runs);
        return rows.Count;
    }

    private static IEnumerable<CompiledAutomation> RulesFor(AutomationCatalog catalog, OutboxRow row, JsonElement payload)
    {
        switch (row.Type)
        {
            case "record.created" or "record.updated" or "record.deleted":
                if (payload.TryGetProperty("rules", out var names))
                    foreach (var name in names.EnumerateArray())
                        if (catalog.Find(name.GetString()!) is { } rule && rule.Trigger.Entity == row.Entity) yield return rule;
                break;
            case "event":
                if (row.Entity is not null && payload.TryGetProperty("eventType", out var eventType) && eventType.GetString() is { } type)
                    foreach (var rule in catalog.ForEvent(row.Entity, type)) yield return rule;
                break;
            default:
                if (row.Rule is not null && catalog.Find(row.Rule) is { } scheduled && Matches(scheduled.Trigger.Type, row.Type)) yield return scheduled;
                break;
        }
    }

    private static bool Matches(TriggerType trigger, string eventType) =>
        (trigger, eventType) is (TriggerType.Schedule, "schedule") or (TriggerType.DateRelative, "dateRelative");

    /// <summary>Whether the rule runs for this event: null when its condition does not hold, else the run's first state and inputs.</summary>
    private async Task<(string Status, string? Error, string Input)?> DecideAsync(NpgsqlConnection connection, NpgsqlTransaction tx, CompiledModel model,
        CompiledAutomation rule, OutboxRow row, JsonElement payload, CancellationToken ct)
    {
        var entity = row.Entity is null ? null : model.FindEntity(row.Entity);
        StoredRecord? record = null, previous = null;
        if (entity is not null && row.RecordId is { } id)
        {
            record = await AutomationRecords.ReadAsync(connection, tx, entity, id, ct).ConfigureAwait(false);
            if (payload.TryGetProperty("previous", out var before)) previous = RecordSnapshot.FromJson(entity, before);
        }
        var input = AutomationRunInput.Build(row.Type, payload, record);
        if (row.Depth > options.MaxDepth)
        {
            logger.LogWarning("Automation rule {Rule} stopped: the chain of automation-caused changes is {Depth} deep", rule.Name, row.Depth);
            return (AutomationRunStatus.Stopped, $"Stopped by loop protection: this change is {row.Depth} automation steps deep (the limit is {options.MaxDepth}).", input);
        }
        if (entity is not null && row.RecordId is not null && record is null)
            return (AutomationRunStatus.Skipped, "The record no longer exists.", input);
        if (rule.Condition is null || record is null) return (AutomationRunStatus.Pending, null, input);
        try
        {
            if (conditions is not null && rule.Condition.LookupPaths.Count > 0)
                await conditions.LoadLookupsAsync(connection, tx, model, record, rule.Condition.LookupPaths, ct).ConfigureAwait(false);
            return rule.Condition.Evaluate(record, previous, AutomationRecords.Principal, DateTimeOffset.UtcNow)
                ? (AutomationRunStatus.Pending, null, input)
                : null;
        }
        catch (Errors.CrmException ex)
        {
            return (AutomationRunStatus.Failed, "The condition failed: " + ex.Message, input);
        }
    }
}
