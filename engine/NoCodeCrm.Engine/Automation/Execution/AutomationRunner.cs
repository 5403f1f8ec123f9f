using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using Microsoft.Extensions.Logging;
using Npgsql;
using NoCodeCrm.Engine.Automation.Actions;
using NoCodeCrm.Engine.Automation.Compiled;
using NoCodeCrm.Engine.Compiled;
using NoCodeCrm.Engine.Errors;
using NoCodeCrm.Engine.Metadata.Automation;
using NoCodeCrm.Engine.Records;
using NoCodeCrm.Engine.Schema;

namespace NoCodeCrm.Engine.Automation.Execution;

/// <summary>
/// Executes due runs: claims them with <c>FOR UPDATE SKIP LOCKED</c> under a lease, runs their steps from where they
/// stopped, logs each step, pauses on waits, retries failures with exponential backoff and dead-letters after the last attempt.
/// </summary>
public sealed class AutomationRunner(NpgsqlDataSource dataSource, ModelRegistry registry, AutomationCatalogs catalogs, AutomationOptions options,
    IEnumerable<IAutomationAction> actions, ILogger<AutomationRunner> logger, IAutomationConditionCompiler? conditions = null,
    Compliance.ProcessingRestrictions? restrictions = null)
{
    private readonly Dictionary<ActionType, IAutomationAction> _actions = actions.ToDictionary(a => a.Type);

    private sealed record RunRow(Guid Id, string Rule, string TriggerType, string? Entity, Guid? RecordId, int Depth, string Input, int NextStep, int Attempts);

    private string S => Sql.Quote(registry.Names.SystemSchema);

    /// <summary>Claims and executes one batch of due runs; returns how many it took.</summary>
    public async Task<int> ProcessBatchAsync(CancellationToken ct)
    {
        List<RunRow> runs;
        await using (var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false))
        {
            runs = (await connection.QueryAsync<RunRow>(new CommandDefinition(
                $"""
                 UPDATE {S}.automation_run r SET status = 'running', locked_until = now() + @lease, updated_at = now()
                 WHERE r.id IN (SELECT id FROM {S}.automation_run
                                WHERE (status IN ('pending', 'waiting', 'retrying') AND available_at <= now())
                                   OR (status = 'running' AND locked_until < now())
                                ORDER BY available_at LIMIT @limit FOR UPDATE SKIP LOCKED)
                 RETURNING r.id, r.rule, r.trigger_type AS TriggerType, r.entity, r.record_id AS RecordId, r.depth, r.input::text AS Input,
                           r.next_step AS NextStep, r.attempts
                 """, new { lease = options.Lease, limit = options.BatchSize }, cancellationToken: ct)).ConfigureAwait(false)).AsList();
        }
        if (runs.Count == 0) return 0;
        await Parallel.ForEachAsync(runs, new ParallelOptions { MaxDegreeOfParallelism = options.Parallelism, CancellationToken = ct },
            async (run, token) => await ExecuteAsync(run, token).ConfigureAwait(false)).ConfigureAwait(false);
        return runs.Count;
    }

    private async Task ExecuteAsync(RunRow run, CancellationToken ct)
    {
        var model = registry.Current;
        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        if (catalogs.For(model).Find(run.Rule) is not { } rule)
        {
            await FinishAsync(connection, run.Id, AutomationRunStatus.Skipped, "The rule was removed or disabled before the run started.", ct).ConfigureAwait(false);
            return;
        }
        if (restrictions is not null && run.Entity is not null && run.RecordId is { } about
            && await restrictions.ReasonAsync(connection, null, run.Entity, about, ct).ConfigureAwait(false) is { } restricted)
        {
            await FinishAsync(connection, run.Id, AutomationRunStatus.Skipped, restricted, ct).ConfigureAwait(false);
            return;
        }
        var entity = run.Entity is null ? null : model.FindEntity(run.Entity);
        StoredRecord? record = null;
        if (entity is not null && run.RecordId is { } id)
        {
            record = await AutomationRecords.ReadAsync(connection, null, entity, id, ct).ConfigureAwait(false);
            if (record is not null && conditions is not null && rule.LookupPaths.Count > 0)
                await conditions.LoadLookupsAsync(connection, null, model, record, rule.LookupPaths, ct).ConfigureAwait(false);
        }
        using var input = JsonDocument.Parse(run.Input);
        var step = run.NextStep;
        while (step < rule.Steps.Count)
        {
            var current = rule.Steps[step];
            var context = new ActionContext(model, rule, current, run.Id, run.Depth, entity, record, input.RootElement);
            var started = DateTimeOffset.UtcNow;
            var clock = Stopwatch.StartNew();
            var entry = new JsonObject
            {
                ["step"] = current.Index, ["path"] = current.Path, ["type"] = JsonNamingPolicy.CamelCase.ConvertName(current.Kind == StepKind.Action ? current.Action.Type.ToString() : current.Kind.ToString()),
                ["attempt"] = run.Attempts + 1, ["startedAt"] = started,
            };
            try
            {
                switch (current.Kind)
                {
                    case StepKind.Jump:
                        step = current.Target;
                        continue;
                    case StepKind.Branch:
                        var holds = current.Condition is null || (record is not null && current.Condition.Evaluate(record, null, AutomationRecords.Principal, started));
                        entry["status"] = "succeeded";
                        entry["output"] = new JsonObject { ["condition"] = holds };
                        step = holds ? step + 1 : current.Target;
                        await LogStepAsync(connection, run.Id, step, entry, clock, ct).ConfigureAwait(false);
                        continue;
                }
                if (current.Action.Type == ActionType.Wait)
                {
                    var delay = WaitOf(current.Action);
                    entry["status"] = "waiting";
                    entry["output"] = new JsonObject { ["until"] = started + delay };
                    await LogStepAsync(connection, run.Id, step + 1, entry, clock, ct).ConfigureAwait(false);
                    await connection.ExecuteAsync(new CommandDefinition(
                        $"UPDATE {S}.automation_run SET status = 'waiting', available_at = now() + @delay, locked_until = NULL, updated_at = now() WHERE id = @id",
                        new { delay, id = run.Id }, cancellationToken: ct)).ConfigureAwait(false);
                    return;
                }
                if (await AutomationEffects.FindAsync(connection, registry.Names, context.ActionKey, ct).ConfigureAwait(false) is { } done)
                {
                    entry["status"] = "alreadyDone";
                    entry["output"] = done;
                }
                else
                {
                    if (!_actions.TryGetValue(current.Action.Type, out var action))
                        throw new CrmException(CrmErrorKind.Validation, "actionUnavailable", $"This runtime cannot run '{entry["type"]}' actions.");
                    try
                    {
                        var output = await action.ExecuteAsync(context, ct).ConfigureAwait(false);
                        entry["output"] = output;
                        // An action that chose not to act (a message the consent check refused) says why in its output.
                        entry["status"] = output is JsonObject { } result && result["skipped"] is not null ? "skipped" : "succeeded";
                    }
                    catch (Exception ex) when (AutomationEffects.IsDuplicate(ex))
                    {
                        // Another worker that took over this run after its lease ran out made the same effect first.
                        entry["status"] = "alreadyDone";
                    }
                }
                step++;
                await LogStepAsync(connection, run.Id, step, entry, clock, ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                await FailAsync(connection, run, entry, clock, ex, ct).ConfigureAwait(false);
                return;
            }
        }
        await FinishAsync(connection, run.Id, AutomationRunStatus.Succeeded, null, ct).ConfigureAwait(false);
    }

    private static TimeSpan WaitOf(ActionDefinition action) =>
        TimeSpan.FromMinutes(action.Minutes ?? 0) + TimeSpan.FromHours(action.Hours ?? 0) + TimeSpan.FromDays(action.Days ?? 0);

    private Task<int> LogStepAsync(NpgsqlConnection connection, Guid id, int nextStep, JsonObject entry, Stopwatch clock, CancellationToken ct)
    {
        entry["durationMs"] = Math.Round(clock.Elapsed.TotalMilliseconds, 2);
        return connection.ExecuteAsync(new CommandDefinition(
            $"""
             UPDATE {S}.automation_run SET next_step = @nextStep, steps = steps || jsonb_build_array(@entry::jsonb),
                    locked_until = now() + @lease, updated_at = now()
             WHERE id = @id
             """, new { nextStep, entry = entry.ToJsonString(), lease = options.Lease, id }, cancellationToken: ct));
    }

    private async Task FailAsync(NpgsqlConnection connection, RunRow run, JsonObject entry, Stopwatch clock, Exception ex, CancellationToken ct)
    {
        var retryable = ex is not CrmException { Kind: not CrmErrorKind.Busy and not CrmErrorKind.PreconditionFailed } && ex is not FinalActionException;
        var attempts = run.Attempts + 1;
        var status = !retryable ? AutomationRunStatus.Failed : attempts >= options.MaxAttempts ? AutomationRunStatus.Dead : AutomationRunStatus.Retrying;
        var message = ActionFailure.Describe(ex);
        entry["status"] = "failed";
        entry["error"] = message;
        entry["durationMs"] = Math.Round(clock.Elapsed.TotalMilliseconds, 2);
        var backoff = options.RetryBackoff * Math.Pow(2, attempts - 1);
        logger.LogWarning("Automation rule {Rule} run {Run}, step {Step} failed (attempt {Attempt}, now {Status}): {Error}",
            run.Rule, run.Id, entry["step"]?.GetValue<int>(), attempts, status, message);
        await connection.ExecuteAsync(new CommandDefinition(
            $"""
             UPDATE {S}.automation_run SET status = @status, attempts = @attempts, last_error = @message, locked_until = NULL, updated_at = now(),
                    available_at = CASE WHEN @status = 'retrying' THEN now() + @backoff ELSE available_at END,
                    finished_at = CASE WHEN @status = 'retrying' THEN NULL ELSE now() END,
                    steps = steps || jsonb_build_array(@entry::jsonb)
             WHERE id = @id
             """, new { status, attempts, message, backoff, entry = entry.ToJsonString(), id = run.Id }, cancellationToken: ct)).ConfigureAwait(false);
    }

    private Task<int> FinishAsync(NpgsqlConnection connection, Guid id, string status, string? error, CancellationToken ct) =>
        connection.ExecuteAsync(new CommandDefinition(
            $"UPDATE {S}.automation_run SET status = @status, last_error = @error, locked_until = NULL, finished_at = now(), updated_at = now() WHERE id = @id",
            new { status, error, id }, cancellationToken: ct));
}
