using NoCodeCrm.Engine.Schema;

namespace NoCodeCrm.Engine.Workflows;

/// <summary>
/// A step that outlived its due time: the trail says so and the step's <c>overdue</c> notifications go out. Unlike an SLA breach it
/// neither escalates nor changes the SLA state; it is the step's own deadline, a reminder to whoever has the record.
/// </summary>
public sealed class WorkflowStepOverdue(SchemaNames names, WorkflowWrite write)
{
    public async Task FireAsync(WorkflowState state, CompiledWorkflow workflow, CancellationToken ct)
    {
        // Re-entering a step re-arms the timer, so one claimed here belongs to the current stay; the check guards a moved clock.
        if (state.StepDueAt is not { } due || DateTime.SpecifyKind(due, DateTimeKind.Utc) > write.Now.UtcDateTime) return;
        var comment = $"The step '{state.Step}' was due at {DateTime.SpecifyKind(due, DateTimeKind.Utc):yyyy-MM-dd HH:mm} UTC.";
        await write.TrailAsync(workflow.Name, "stepOverdue", state.Step, state.Step, null, state.Assignee, comment, ct).ConfigureAwait(false);

        var eventType = WorkflowNotifications.StepOverdueEvent(workflow.Name, state.Step);
        if (!WorkflowNotifications.Listens(workflow.Definition, eventType)) return;
        var data = await write.EventDataAsync(workflow.Name, state.Step, "stepOverdue", comment, state.Assignee, ct).ConfigureAwait(false);
        data["due"] = DateTime.SpecifyKind(due, DateTimeKind.Utc);
        var change = write.Change;
        await WorkflowNotifications.EnqueueAsync(change.Connection, change.Transaction, names, change.Entity.Name, write.Id, eventType, data, ct).ConfigureAwait(false);
    }
}
