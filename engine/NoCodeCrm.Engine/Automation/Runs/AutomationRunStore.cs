using Dapper;
using Npgsql;
using NoCodeCrm.Engine.Automation.Execution;
using NoCodeCrm.Engine.Compiled;
using NoCodeCrm.Engine.Errors;
using NoCodeCrm.Engine.Schema;

namespace NoCodeCrm.Engine.Automation.Runs;

/// <summary>The run log users read: each run's trigger, inputs, every step's outcome, error and duration; failed runs can be replayed.</summary>
public sealed class AutomationRunStore(NpgsqlDataSource dataSource, ModelRegistry registry)
{
    private string S => Sql.Quote(registry.Names.SystemSchema);

    private static string Columns(string extra) => $"""
        json_build_object('id', id, 'rule', rule, 'trigger', trigger_type, 'entity', entity, 'recordId', record_id, 'depth', depth,
                          'status', status, 'attempts', attempts, 'nextStep', next_step, 'error', last_error, 'createdAt', created_at,
                          'updatedAt', updated_at, 'finishedAt', finished_at,
                          'availableAt', CASE WHEN status IN ('waiting', 'retrying') THEN available_at END,
                          'durationMs', round((extract(epoch FROM (coalesce(finished_at, updated_at) - created_at)) * 1000)::numeric, 1),
                          'steps', steps{extra})::text
        """;

    /// <summary>Runs as JSON objects (without inputs), newest first, and the total matching.</summary>
    public async Task<(IReadOnlyList<string> Runs, long Count)> ListAsync(AutomationRunQuery query, CancellationToken ct)
    {
        if (query.Status is { } status && !IsStatus(status))
            throw CrmException.Invalid("The run filter is not valid.", [new CrmError("$.status", "unknownStatus",
                "Status must be one of pending, running, waiting, retrying, succeeded, failed, dead, stopped, skipped.")]);
        const string where = """
            WHERE (@rule::text IS NULL OR rule = @rule) AND (@recordId::uuid IS NULL OR record_id = @recordId)
              AND (@entity::text IS NULL OR entity = @entity) AND (@status::text IS NULL OR status = @status)
            """;
        var args = new { rule = query.Rule, recordId = query.RecordId, entity = query.Entity, status = query.Status, top = Math.Clamp(query.Top, 1, 500), skip = Math.Max(0, query.Skip) };
        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        var runs = (await connection.QueryAsync<string>(new CommandDefinition(
            $"SELECT {Columns("")} FROM {S}.automation_run {where} ORDER BY created_at DESC, id DESC LIMIT @top OFFSET @skip",
            args, cancellationToken: ct)).ConfigureAwait(false)).AsList();
        var count = await connection.ExecuteScalarAsync<long>(new CommandDefinition($"SELECT count(*) FROM {S}.automation_run {where}", args, cancellationToken: ct)).ConfigureAwait(false);
        return (runs, count);
    }

    /// <summary>One run with its inputs.</summary>
    public async Task<string> GetAsync(Guid id, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        return await connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
                   $"SELECT {Columns(", 'input', input")} FROM {S}.automation_run WHERE id = @id",
                   new { id }, cancellationToken: ct)).ConfigureAwait(false)
               ?? throw CrmException.NotFound($"There is no automation run with id {id}.");
    }

    /// <summary>Starts a failed or dead-lettered run again from its failed action; actions that already took effect are not repeated.</summary>
    public async Task<string> ReplayAsync(Guid id, CancellationToken ct)
    {
        await using (var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false))
        {
            var status = await connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
                $"""
                 UPDATE {S}.automation_run n SET status = 'pending', attempts = 0, available_at = now(), finished_at = NULL, updated_at = now()
                 FROM (SELECT id, status FROM {S}.automation_run WHERE id = @id FOR UPDATE) o
                 WHERE n.id = o.id AND o.status IN ('failed', 'dead')
                 RETURNING o.status;
                 SELECT pg_notify('{AutomationFanOut.RunChannel}', '');
                 """, new { id }, cancellationToken: ct)).ConfigureAwait(false);
            if (status is null)
            {
                var current = await connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
                    $"SELECT status FROM {S}.automation_run WHERE id = @id", new { id }, cancellationToken: ct)).ConfigureAwait(false)
                    ?? throw CrmException.NotFound($"There is no automation run with id {id}.");
                throw new CrmException(CrmErrorKind.Conflict, "notReplayable", $"Only failed or dead-lettered runs can be replayed; this run is {current}.");
            }
        }
        return await GetAsync(id, ct).ConfigureAwait(false);
    }

    private static bool IsStatus(string status) => status is AutomationRunStatus.Pending or AutomationRunStatus.Running or AutomationRunStatus.Waiting
        or AutomationRunStatus.Retrying or AutomationRunStatus.Succeeded or AutomationRunStatus.Failed or AutomationRunStatus.Dead
        or AutomationRunStatus.Stopped or AutomationRunStatus.Skipped;
}
