using System.Text.Json;
using Dapper;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using NoCodeCrm.Engine.Compiled;
using NoCodeCrm.Engine.Errors;
using NoCodeCrm.Engine.Records;
using NoCodeCrm.Engine.Scheduling;
using NoCodeCrm.Engine.Schema;

namespace NoCodeCrm.Engine.Workflows;

/// <summary>
/// The one clustered job that fires SLA timers: a set-based query for the due ones, then each fired as a write of its record
/// (the workflow hook claims the timer row in that write's transaction, so a timer fires once even when two nodes sweep). Timers
/// are rows, so they survive restarts: a sweep after downtime fires everything that fell due meanwhile.
/// </summary>
public sealed class WorkflowSlaSweeper(NpgsqlDataSource dataSource, ModelRegistry registry, RecordService records, TimeProvider time, WorkflowOptions options,
    ILogger<WorkflowSlaSweeper>? logger = null) : IMaintenanceJob
{
    private static readonly JsonElement EmptyBody = JsonDocument.Parse("{}").RootElement.Clone();
    private readonly ILogger _logger = logger ?? NullLogger<WorkflowSlaSweeper>.Instance;

    public string Name => "workflow-sla-sweep";
    public string Cron => options.SweepCron;

    public Task RunAsync(CancellationToken ct) => SweepAsync(ct);

    /// <summary>Fires every timer due by the clock's now; returns how many fired.</summary>
    public async Task<int> SweepAsync(CancellationToken ct)
    {
        var s = Sql.Quote(registry.Names.SystemSchema);
        var fired = 0;
        var tried = new HashSet<Guid>();
        while (true)
        {
            var now = time.GetUtcNow();
            List<(Guid Id, string Entity, Guid RecordId)> due;
            await using (var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false))
            {
                due = (await connection.QueryAsync<(Guid, string, Guid)>(new CommandDefinition(
                    $"""
                     SELECT id, entity, record_id FROM {s}.workflow_timer
                     WHERE fired_at IS NULL AND due_at <= @now AND id <> ALL(@tried) ORDER BY due_at, id LIMIT @limit
                     """, new { now = now.UtcDateTime, tried = tried.ToArray(), limit = options.BatchSize }, cancellationToken: ct)).ConfigureAwait(false)).AsList();
            }
            foreach (var (id, entity, recordId) in due)
            {
                tried.Add(id);
                if (await FireAsync(s, id, entity, recordId, ct).ConfigureAwait(false)) fired++;
            }
            if (due.Count < options.BatchSize) return fired;
        }
    }

    private async Task<bool> FireAsync(string s, Guid timer, string entity, Guid recordId, CancellationToken ct)
    {
        try
        {
            await records.PatchAsync(Automation.Execution.AutomationRecords.Principal, entity, recordId, EmptyBody, null, ct,
                new RecordWriteOptions { Source = WorkflowCommands.Source, Command = WorkflowCommands.TimerPrefix + timer.ToString("D") }).ConfigureAwait(false);
            return true;
        }
        catch (WorkflowTimerTakenException)
        {
            return false;
        }
        catch (CrmException ex)
        {
            // The record is gone or can no longer be written (e.g. a validation rule added since): the timer cannot act; retire it, say why.
            _logger.LogWarning("Workflow timer {Timer} of {Entity} {Record} retired without effect: {Reason}", timer, entity, recordId, ex.Message);
            await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
            await connection.ExecuteAsync(new CommandDefinition($"UPDATE {s}.workflow_timer SET fired_at = @now WHERE id = @timer AND fired_at IS NULL",
                new { timer, now = time.GetUtcNow().UtcDateTime }, cancellationToken: ct)).ConfigureAwait(false);
            return false;
        }
    }
}
