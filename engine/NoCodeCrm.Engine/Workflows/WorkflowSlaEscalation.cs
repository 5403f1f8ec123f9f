using Dapper;
using NoCodeCrm.Engine.Schema;

namespace NoCodeCrm.Engine.Workflows;

/// <summary>
/// Fires one SLA timer inside its record's write: claims the timer row (so it fires once, whichever node sweeps), then a warning
/// marks the record at risk and a breach marks it breached and escalates one level up the chain, notifying from templates. A step's
/// overdue timer goes to <see cref="WorkflowStepOverdue"/>.
/// </summary>
public sealed class WorkflowSlaEscalation(SchemaNames names, WorkflowWrite write)
{
    public async Task FireAsync(Guid timer, WorkflowState? state, CompiledWorkflow? workflow, CancellationToken ct)
    {
        var change = write.Change;
        var s = write.Schema;
        var claimed = await change.Connection.QuerySingleOrDefaultAsync<(string Target, string Kind)?>(new CommandDefinition(
            $"UPDATE {s}.workflow_timer SET fired_at = @now WHERE id = @timer AND fired_at IS NULL RETURNING target, kind",
            new { timer, now = write.Now.UtcDateTime }, change.Transaction, cancellationToken: ct)).ConfigureAwait(false);
        if (claimed is not { } fired) throw new WorkflowTimerTakenException();
        // A timer whose target was met (or whose workflow is gone) has nothing left to do; claiming it is all.
        if (state is null || workflow is null || state.ResolvedAt is not null || (fired.Target == WorkflowSla.FirstResponse && state.FirstRespondedAt is not null))
            return;
        if (fired.Target == WorkflowSla.Step)
        {
            await new WorkflowStepOverdue(names, write).FireAsync(state, workflow, ct).ConfigureAwait(false);
            return;
        }
        var sla = workflow.Definition.Sla;
        string? newState;
        Guid? escalatedTo = null;
        var level = state.EscalationLevel;
        var previousOwner = change.Current!.Owner;
        if (fired.Kind == WorkflowSla.Warning)
        {
            if (state.SlaState != WorkflowSla.OnTrack) return;
            newState = WorkflowSla.AtRisk;
        }
        else
        {
            newState = WorkflowSla.Breached;
            var chain = sla?.Escalation ?? [];
            // Each breach goes one level up; a level that finds nobody new (no lead, or the lead already has it) is passed over.
            while (level < chain.Length && escalatedTo is null)
            {
                var target = await WorkflowAssignees.EscalationTargetAsync(change.Connection, change.Transaction, s, chain[level], state.Assignee ?? previousOwner, ct)
                    .ConfigureAwait(false);
                level++;
                if (target is { } user && user != previousOwner) escalatedTo = user;
            }
        }
        if (workflow.Definition.SlaField is { } slaField) write.Set(slaField, newState);
        if (escalatedTo is { } owner) write.Set(SystemColumns.Owner, owner);
        await change.Connection.ExecuteAsync(new CommandDefinition(
            $"UPDATE {s}.workflow_state SET sla_state = @newState, escalation_level = @level WHERE entity = @entity AND record_id = @id",
            new { newState, level, entity = change.Entity.Name, id = write.Id }, change.Transaction, cancellationToken: ct)).ConfigureAwait(false);
        var what = fired.Target == WorkflowSla.FirstResponse ? "first response" : "resolution";
        var action = fired.Kind == WorkflowSla.Warning ? "slaWarning" : escalatedTo is null ? "slaBreach" : "escalate";
        var comment = fired.Kind == WorkflowSla.Warning ? $"The {what} target is at risk."
            : escalatedTo is null ? $"The {what} target was breached." : $"The {what} target was breached; escalated to level {level}.";
        await write.TrailAsync(workflow.Name, action, state.Step, state.Step, null, escalatedTo, comment, ct).ConfigureAwait(false);

        var eventType = WorkflowNotifications.SlaEvent(workflow.Name, fired.Kind);
        if (!WorkflowNotifications.Listens(workflow.Definition, eventType)) return;
        var data = await write.EventDataAsync(workflow.Name, state.Step, action, comment, previousOwner, ct).ConfigureAwait(false);
        data["target"] = fired.Target;
        data["level"] = level;
        await WorkflowNotifications.EnqueueAsync(change.Connection, change.Transaction, names, change.Entity.Name, write.Id, eventType, data, ct).ConfigureAwait(false);
    }
}
