using Dapper;
using Npgsql;
using NoCodeCrm.Engine.Automation.Compiled;
using NoCodeCrm.Engine.Compiled;
using NoCodeCrm.Engine.Errors;
using NoCodeCrm.Engine.Records;
using NoCodeCrm.Engine.Schema;

namespace NoCodeCrm.Engine.Workflows;

/// <summary>
/// Runs workflows inside the record's write transaction: starts one on create (first step, assignee, SLA timers), guards every
/// change of the step field (allowed transition, condition, approval), writes the trail, fires SLA timers and escalates. A refused
/// move throws a validation error, which rolls the whole write back. It must run before the audit and outbox hooks, so they see
/// the values it sets.
/// </summary>
public sealed class WorkflowWriteHook(ModelRegistry registry, WorkflowCatalogs catalogs, TimeProvider time, IAutomationConditionCompiler? conditions = null)
    : IRecordWriteHook
{
    public bool AppliesTo(CompiledEntity entity, RecordWriteOptions options) => catalogs.For(registry.Current).Has(entity.Name);

    public async Task AfterWriteAsync(RecordChange change, CancellationToken ct)
    {
        var model = registry.Current;
        var catalog = catalogs.For(model);
        if (!catalog.Has(change.Entity.Name)) return;
        var s = Sql.Quote(registry.Names.SystemSchema);
        var id = (change.Current ?? change.Previous)!.Id;
        if (change.Operation == Security.RecordOperation.Delete)
        {
            await change.Connection.ExecuteAsync(new CommandDefinition($"DELETE FROM {s}.workflow_timer WHERE entity = @entity AND record_id = @id AND fired_at IS NULL",
                new { entity = change.Entity.Name, id }, change.Transaction, cancellationToken: ct)).ConfigureAwait(false);
            return;
        }
        var now = time.GetUtcNow();
        var state = await change.Connection.QuerySingleOrDefaultAsync<WorkflowState>(new CommandDefinition(
            $"""
             SELECT workflow, step, previous_step AS PreviousStep, started_at AS StartedAt, step_entered_at AS StepEnteredAt, step_due_at AS StepDueAt,
                    assignee, escalation_level AS EscalationLevel, first_response_due AS FirstResponseDue, first_responded_at AS FirstRespondedAt,
                    resolution_due AS ResolutionDue, resolved_at AS ResolvedAt, sla_state AS SlaState
             FROM {s}.workflow_state WHERE entity = @entity AND record_id = @id FOR UPDATE
             """, new { entity = change.Entity.Name, id }, change.Transaction, cancellationToken: ct)).ConfigureAwait(false);
        var write = new WorkflowWrite(change, s, now);
        var command = change.Options.Command;
        if (command?.StartsWith(WorkflowCommands.TimerPrefix, StringComparison.Ordinal) == true)
        {
            var timer = Guid.Parse(command.AsSpan(WorkflowCommands.TimerPrefix.Length));
            await new WorkflowSlaEscalation(registry.Names, write).FireAsync(timer, state, state is null ? null : catalog.Find(state.Workflow), ct).ConfigureAwait(false);
            await write.FlushAsync(ct).ConfigureAwait(false);
            return;
        }
        if (state is null || catalog.Find(state.Workflow) is not { } workflow || workflow.Entity.Name != change.Entity.Name)
        {
            if (command is WorkflowCommands.Approve or WorkflowCommands.Reject)
                throw new CrmException(CrmErrorKind.Conflict, "noWorkflow", $"The {change.Entity.Name} {id} is not in a workflow.");
            if (await ChooseAsync(catalog, change, now, ct).ConfigureAwait(false) is { } chosen)
                await StartAsync(chosen, write, ct).ConfigureAwait(false);
            await write.FlushAsync(ct).ConfigureAwait(false);
            return;
        }

        CheckSlaFieldsUntouched(workflow, change);
        var record = change.Current!;
        var from = state.Step;
        // Until its first move a record follows the workflow its values choose: a request re-categorised as a complaint becomes one.
        if (command is null && state.PreviousStep is null && from == workflow.FirstStep.Name && record[workflow.Field] as string == from
            && await ChooseAsync(catalog, change, write.Now, ct).ConfigureAwait(false) is { } chosenNow && chosenNow.Name != workflow.Name)
        {
            await SwitchAsync(workflow, state, chosenNow, write, ct).ConfigureAwait(false);
            await write.FlushAsync(ct).ConfigureAwait(false);
            return;
        }
        var step = workflow.Step(from);
        string to;
        if (command is WorkflowCommands.Approve or WorkflowCommands.Reject)
        {
            if (step?.Approval is not { } approval)
                throw new CrmException(CrmErrorKind.Conflict, "notAwaitingApproval", $"The {change.Entity.Name} is in the step '{from}', which needs no approval.");
            if (!change.Principal.IsAdministrator && !change.Principal.Roles.Contains(approval.Role))
                throw new CrmException(CrmErrorKind.Forbidden, "forbidden", $"Only users with the role '{approval.Role}' may approve or reject in the step '{from}'.");
            if (command == WorkflowCommands.Approve)
            {
                to = await FirstOpenTransitionAsync(workflow, from, change, now, ct).ConfigureAwait(false)
                    ?? throw CrmException.Invalid("No transition out of the step is allowed.",
                        [new CrmError("$." + workflow.Field, "transitionNotAllowed", $"No transition out of '{from}' has its condition met.")]);
            }
            else
            {
                to = approval.OnReject ?? state.PreviousStep
                    ?? throw CrmException.Invalid("There is no step to return to.",
                        [new CrmError("$." + workflow.Field, "transitionNotAllowed", $"'{from}' has no previous step and no onReject step to return to.")]);
            }
            write.Set(workflow.Field, to);
        }
        else
        {
            var given = record[workflow.Field] as string;
            if (given == from) return;
            to = given ?? "";
            await CheckMoveAsync(workflow, from, to, change, now, ct).ConfigureAwait(false);
        }
        await EnterAsync(workflow, state, from, to, command ?? "move", change.Options.Comment, write, ct).ConfigureAwait(false);
        await write.FlushAsync(ct).ConfigureAwait(false);
    }

    private async Task<CompiledWorkflow?> ChooseAsync(WorkflowCatalog catalog, RecordChange change, DateTimeOffset now, CancellationToken ct)
    {
        foreach (var workflow in catalog.ByEntity[change.Entity.Name])
            if (workflow.When is null || await HoldsAsync(workflow.When, change, now, ct).ConfigureAwait(false)) return workflow;
        return null;
    }

    /// <summary>
    /// The record leaves a workflow it has not moved in for the one its values now choose: the old one's timers and state go (its SLA
    /// fields are cleared unless the new one keeps them too), the trail says why, and the new one starts at its first step.
    /// </summary>
    private async Task SwitchAsync(CompiledWorkflow from, WorkflowState state, CompiledWorkflow to, WorkflowWrite write, CancellationToken ct)
    {
        var change = write.Change;
        await change.Connection.ExecuteAsync(new CommandDefinition(
            $"""
             DELETE FROM {write.Schema}.workflow_timer WHERE entity = @entity AND record_id = @id;
             DELETE FROM {write.Schema}.workflow_state WHERE entity = @entity AND record_id = @id;
             """, new { entity = change.Entity.Name, id = write.Id }, change.Transaction, cancellationToken: ct)).ConfigureAwait(false);
        var kept = new[] { to.Definition.SlaField, to.Definition.SlaDueField, to.Definition.StepDueField };
        foreach (var field in new[] { from.Definition.SlaField, from.Definition.SlaDueField, from.Definition.StepDueField })
            if (field is not null && !kept.Contains(field)) write.Set(field, null);
        var spent = (long)Math.Max(0, (write.Now.UtcDateTime - DateTime.SpecifyKind(state.StepEnteredAt, DateTimeKind.Utc)).TotalSeconds);
        await write.TrailAsync(from.Name, "switch", state.Step, null, spent, null, $"Now handled by the workflow '{to.Name}'.", ct).ConfigureAwait(false);
        await StartAsync(to, write, ct, restart: true).ConfigureAwait(false);
    }

    private async Task StartAsync(CompiledWorkflow workflow, WorkflowWrite write, CancellationToken ct, bool restart = false)
    {
        var change = write.Change;
        var given = change.Current![workflow.Field] as string;
        var first = workflow.FirstStep.Name;
        // A record written before its workflow existed joins it where it stands; a new one (or one switching workflows) starts at the beginning.
        var stepName = !restart && change.Operation == Security.RecordOperation.Update && workflow.Step(given) is not null ? given! : first;
        if (change.Operation == Security.RecordOperation.Create && given is not null && given != first)
            throw CrmException.Invalid("A new record starts at its workflow's first step.",
                [new CrmError("$." + workflow.Field, "transitionNotAllowed", $"A new {change.Entity.Name} starts at '{first}' (workflow '{workflow.Name}'), not '{given}'.")]);
        var now = write.Now;
        if (given != stepName) write.Set(workflow.Field, stepName);
        var step = workflow.Step(stepName)!;
        var stepDue = StepDue(workflow, step, now);
        var assignee = await AssignAsync(workflow, step, write, ct).ConfigureAwait(false);
        var sla = workflow.Definition.Sla;
        DateTimeOffset? firstDue = null, resolutionDue = null;
        if (sla is not null && !step.Final)
        {
            if (WorkflowDuration.TryParse(sla.FirstResponse, out var d1, out var t1))
            {
                firstDue = workflow.Calendar.Add(now, d1, t1);
                await AddTimersAsync(workflow, write, WorkflowSla.FirstResponse, now, firstDue.Value, ct).ConfigureAwait(false);
            }
            if (WorkflowDuration.TryParse(sla.Resolution, out var d2, out var t2))
            {
                resolutionDue = workflow.Calendar.Add(now, d2, t2);
                await AddTimersAsync(workflow, write, WorkflowSla.Resolution, now, resolutionDue.Value, ct).ConfigureAwait(false);
            }
        }
        var slaState = sla is null ? null : WorkflowSla.OnTrack;
        if (workflow.Definition.SlaField is { } slaField && slaState is not null) write.Set(slaField, slaState);
        if (workflow.Definition.SlaDueField is { } dueField) write.Set(dueField, (firstDue ?? resolutionDue)?.UtcDateTime);
        await change.Connection.ExecuteAsync(new CommandDefinition(
            $"""
             INSERT INTO {write.Schema}.workflow_state (entity, record_id, workflow, step, started_at, step_entered_at, step_due_at, assignee,
                 first_response_due, resolution_due, resolved_at, sla_state)
             VALUES (@entity, @id, @workflow, @step, @now, @now, @stepDue, @assignee, @firstDue, @resolutionDue, @resolved, @slaState)
             """,
            new
            {
                entity = change.Entity.Name, id = write.Id, workflow = workflow.Name, step = stepName, now = now.UtcDateTime,
                stepDue, assignee, firstDue = firstDue?.UtcDateTime, resolutionDue = resolutionDue?.UtcDateTime,
                resolved = step.Final ? now.UtcDateTime : (DateTime?)null, slaState,
            }, change.Transaction, cancellationToken: ct)).ConfigureAwait(false);
        await SetStepDueAsync(workflow, stepDue, write, ct).ConfigureAwait(false);
        await write.TrailAsync(workflow.Name, "start", null, stepName, null, assignee, change.Options.Comment, ct).ConfigureAwait(false);
        await NotifyStepAsync(workflow, stepName, null, "start", null, write, ct).ConfigureAwait(false);
    }

    private async Task EnterAsync(CompiledWorkflow workflow, WorkflowState state, string from, string to, string action, string? comment, WorkflowWrite write,
        CancellationToken ct)
    {
        var change = write.Change;
        var now = write.Now;
        var step = workflow.Step(to)!;
        var stepDue = StepDue(workflow, step, now);
        var spent = (long)Math.Max(0, (now.UtcDateTime - DateTime.SpecifyKind(state.StepEnteredAt, DateTimeKind.Utc)).TotalSeconds);
        var assignee = await AssignAsync(workflow, step, write, ct).ConfigureAwait(false) ?? state.Assignee;
        // The first move out of the starting step is the first response.
        var responded = state.FirstRespondedAt is null;
        var resolved = step.Final;
        if (responded || resolved)
            await change.Connection.ExecuteAsync(new CommandDefinition(
                $"DELETE FROM {write.Schema}.workflow_timer WHERE entity = @entity AND record_id = @id AND fired_at IS NULL AND (@resolved OR target = @target)",
                new { entity = change.Entity.Name, id = write.Id, resolved, target = WorkflowSla.FirstResponse }, change.Transaction, cancellationToken: ct)).ConfigureAwait(false);
        // Answering in time takes the record off the first response's risk; a breach stays on it.
        if (responded && state.SlaState == WorkflowSla.AtRisk && !resolved)
        {
            if (workflow.Definition.SlaField is { } slaField) write.Set(slaField, WorkflowSla.OnTrack);
            await change.Connection.ExecuteAsync(new CommandDefinition(
                $"UPDATE {write.Schema}.workflow_state SET sla_state = @onTrack WHERE entity = @entity AND record_id = @id",
                new { onTrack = WorkflowSla.OnTrack, entity = change.Entity.Name, id = write.Id }, change.Transaction, cancellationToken: ct)).ConfigureAwait(false);
        }
        if (workflow.Definition.SlaDueField is { } dueField)
            write.Set(dueField, resolved ? null : state.ResolutionDue is { } due ? DateTime.SpecifyKind(due, DateTimeKind.Utc) : null);
        await change.Connection.ExecuteAsync(new CommandDefinition(
            $"""
             UPDATE {write.Schema}.workflow_state SET step = @to, previous_step = @from, step_entered_at = @now, step_due_at = @stepDue, assignee = @assignee,
                 first_responded_at = coalesce(first_responded_at, @now), resolved_at = CASE WHEN @resolved THEN @now END
             WHERE entity = @entity AND record_id = @id
             """,
            new { entity = change.Entity.Name, id = write.Id, to, from, now = now.UtcDateTime, stepDue, assignee, resolved },
            change.Transaction, cancellationToken: ct)).ConfigureAwait(false);
        await SetStepDueAsync(workflow, stepDue, write, ct).ConfigureAwait(false);
        await write.TrailAsync(workflow.Name, action, from, to, spent, assignee, comment, ct).ConfigureAwait(false);
        await NotifyStepAsync(workflow, to, from, action, comment, write, ct).ConfigureAwait(false);
    }

    private async Task CheckMoveAsync(CompiledWorkflow workflow, string from, string to, RecordChange change, DateTimeOffset now, CancellationToken ct)
    {
        var path = "$." + workflow.Field;
        var step = workflow.Step(from);
        if (step?.Approval is { } approval)
            throw CrmException.Invalid("The step needs approval.",
                [new CrmError(path, "approvalRequired", $"'{from}' is left only by approval (role '{approval.Role}'): POST /api/workflows/{change.Entity.Name}/{{id}}/approve or /reject.")]);
        var allowed = workflow.Transitions.GetValueOrDefault(from) ?? [];
        var transition = allowed.FirstOrDefault(t => t.To == to);
        if (transition is null || workflow.Step(to) is null)
        {
            var options = allowed.Count == 0 ? "none" : string.Join(", ", allowed.Select(t => t.To));
            throw CrmException.Invalid("The step change is not allowed.",
                [new CrmError(path, "transitionNotAllowed", $"Workflow '{workflow.Name}' does not allow moving from '{from}' to '{(to.Length == 0 ? "(empty)" : to)}'; allowed: {options}.")]);
        }
        if (transition.Condition is { } condition && !await HoldsAsync(condition, change, now, ct).ConfigureAwait(false))
            throw CrmException.Invalid("The step change is not allowed.",
                [new CrmError(path, "transitionConditionNotMet", $"Moving from '{from}' to '{to}' needs the transition's condition to hold, and it does not.")]);
    }

    private async Task<string?> FirstOpenTransitionAsync(CompiledWorkflow workflow, string from, RecordChange change, DateTimeOffset now, CancellationToken ct)
    {
        foreach (var transition in workflow.Transitions.GetValueOrDefault(from) ?? [])
            if (transition.Condition is null || await HoldsAsync(transition.Condition, change, now, ct).ConfigureAwait(false)) return transition.To;
        return null;
    }

    private async Task<bool> HoldsAsync(IAutomationCondition condition, RecordChange change, DateTimeOffset now, CancellationToken ct)
    {
        var record = change.Current!;
        if (condition.LookupPaths.Count > 0 && conditions is not null)
            await conditions.LoadLookupsAsync(change.Connection, change.Transaction, registry.Current, record, condition.LookupPaths, ct).ConfigureAwait(false);
        try
        {
            return condition.Evaluate(record, change.Previous, change.Principal, now);
        }
        finally
        {
            // The lookups were loaded for the condition only; the written record must not come back expanded.
            record.Expanded = null;
        }
    }

    private static async Task<Guid?> AssignAsync(CompiledWorkflow workflow, Metadata.Workflows.WorkflowStepDefinition step, WorkflowWrite write, CancellationToken ct)
    {
        if (step.Assignee is null) return null;
        var change = write.Change;
        var assignee = await WorkflowAssignees.ResolveAsync(change.Connection, change.Transaction, write.Schema, step.Assignee, change.Current!.Owner,
            $"{workflow.Name}:{step.Name}", ct).ConfigureAwait(false);
        if (assignee is { } user && user != change.Current!.Owner) write.Set(SystemColumns.Owner, user);
        return assignee;
    }

    private static DateTime? StepDue(CompiledWorkflow workflow, Metadata.Workflows.WorkflowStepDefinition step, DateTimeOffset now) =>
        WorkflowDuration.TryParse(step.Due, out var days, out var t) ? workflow.Calendar.Add(now, days, t).UtcDateTime : null;

    /// <summary>
    /// The step's due time goes into the step-due field and its one overdue timer: re-armed (with a new id, so a sweep that read the old
    /// one finds nothing to claim) on every entry of a step with a due time, removed on entering one without.
    /// </summary>
    private static async Task SetStepDueAsync(CompiledWorkflow workflow, DateTime? due, WorkflowWrite write, CancellationToken ct)
    {
        var change = write.Change;
        if (workflow.Definition.StepDueField is { } field) write.Set(field, due);
        // A workflow none of whose steps has a due time has no step timer to remove.
        if (due is null && !workflow.HasStepDueTimes) return;
        var sql = due is null
            ? $"DELETE FROM {write.Schema}.workflow_timer WHERE entity = @entity AND record_id = @id AND target = @target"
            : $"""
               INSERT INTO {write.Schema}.workflow_timer (id, entity, record_id, workflow, target, kind, due_at)
               VALUES (@timer, @entity, @id, @workflow, @target, @kind, @due)
               ON CONFLICT (entity, record_id, target, kind) DO UPDATE SET id = excluded.id, workflow = excluded.workflow, due_at = excluded.due_at, fired_at = NULL
               """;
        await change.Connection.ExecuteAsync(new CommandDefinition(sql,
            new { timer = Guid.CreateVersion7(), entity = change.Entity.Name, id = write.Id, workflow = workflow.Name, target = WorkflowSla.Step, kind = WorkflowSla.Overdue, due },
            change.Transaction, cancellationToken: ct)).ConfigureAwait(false);
    }

    private static async Task AddTimersAsync(CompiledWorkflow workflow, WorkflowWrite write, string target, DateTimeOffset start, DateTimeOffset due, CancellationToken ct)
    {
        var change = write.Change;
        var timers = new List<(string Kind, DateTimeOffset At)> { (WorkflowSla.Breach, due) };
        if (workflow.Definition.Sla?.WarningAt is { } fraction)
        {
            var working = workflow.Calendar.WorkingTime(start, due);
            timers.Add((WorkflowSla.Warning, workflow.Calendar.Add(start, 0, working * (double)fraction)));
        }
        foreach (var (kind, at) in timers)
            await change.Connection.ExecuteAsync(new CommandDefinition(
                $"""
                 INSERT INTO {write.Schema}.workflow_timer (id, entity, record_id, workflow, target, kind, due_at)
                 VALUES (@timer, @entity, @id, @workflow, @target, @kind, @at) ON CONFLICT (entity, record_id, target, kind) DO NOTHING
                 """,
                new { timer = Guid.CreateVersion7(), entity = change.Entity.Name, id = write.Id, workflow = workflow.Name, target, kind, at = at.UtcDateTime },
                change.Transaction, cancellationToken: ct)).ConfigureAwait(false);
    }

    private async Task NotifyStepAsync(CompiledWorkflow workflow, string step, string? from, string action, string? comment, WorkflowWrite write, CancellationToken ct)
    {
        var eventType = WorkflowNotifications.StepEvent(workflow.Name, step);
        if (!WorkflowNotifications.Listens(workflow.Definition, eventType)) return;
        var data = await write.EventDataAsync(workflow.Name, step, action, comment, write.Change.Previous?.Owner, ct).ConfigureAwait(false);
        data["from"] = from;
        await WorkflowNotifications.EnqueueAsync(write.Change.Connection, write.Change.Transaction, registry.Names, write.Change.Entity.Name, write.Id, eventType, data, ct)
            .ConfigureAwait(false);
    }

    private static void CheckSlaFieldsUntouched(CompiledWorkflow workflow, RecordChange change)
    {
        if (change.Options.Source == WorkflowCommands.Source || change.Previous is null) return;
        foreach (var field in new[] { workflow.Definition.SlaField, workflow.Definition.SlaDueField, workflow.Definition.StepDueField })
            if (field is not null && !Equals(change.Previous[field], change.Current![field]))
                throw CrmException.Invalid("The SLA fields are kept by the workflow.",
                    [new CrmError("$." + field, "readOnly", $"'{field}' is kept by the workflow '{workflow.Name}' and cannot be written.")]);
    }
}
