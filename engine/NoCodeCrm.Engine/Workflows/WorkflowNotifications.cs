using System.Text.Json;
using Npgsql;
using NoCodeCrm.Engine.Automation.Outbox;
using NoCodeCrm.Engine.Metadata;
using NoCodeCrm.Engine.Metadata.Automation;
using NoCodeCrm.Engine.Metadata.Templates;
using NoCodeCrm.Engine.Metadata.Workflows;
using NoCodeCrm.Engine.Schema;

namespace NoCodeCrm.Engine.Workflows;

/// <summary>
/// Workflow messages go the automation way, so consent, the message store and retries hold for them too: each notification
/// becomes an implicit rule on an <c>event</c> trigger (<c>workflow.{workflow}.{step}</c>, <c>workflow.{workflow}.{step}.overdue</c>,
/// <c>workflow.{workflow}.sla.{warning|breach}</c>),
/// and the workflow puts that event into the outbox inside the write's transaction.
/// </summary>
public static class WorkflowNotifications
{
    public static string StepEvent(string workflow, string step) => $"workflow.{workflow}.{step}";

    public static string SlaEvent(string workflow, string on) => $"workflow.{workflow}.sla.{on}";

    public static string StepOverdueEvent(string workflow, string step) => $"workflow.{workflow}.{step}.overdue";

    private static string StepNotifyEvent(WorkflowDefinition workflow, WorkflowStepDefinition step, NotifyDefinition notify) =>
        notify.On == WorkflowSla.Overdue ? StepOverdueEvent(workflow.Name, step.Name) : StepEvent(workflow.Name, step.Name);

    /// <summary>The implicit automation rules of the model's workflow notifications.</summary>
    public static IEnumerable<AutomationDefinition> Rules(CrmModel model)
    {
        foreach (var workflow in model.Workflows)
        {
            foreach (var step in workflow.Steps)
                for (var n = 0; n < step.Notify.Length; n++)
                    if (Rule(model, workflow, $"workflow:{workflow.Name}:{step.Name}:{n}", StepNotifyEvent(workflow, step, step.Notify[n]), step.Notify[n]) is { } rule) yield return rule;
            var sla = workflow.Sla?.Notify ?? [];
            for (var n = 0; n < sla.Length; n++)
                if (Rule(model, workflow, $"workflow:{workflow.Name}:sla:{n}", SlaEvent(workflow.Name, sla[n].On ?? WorkflowSla.Breach), sla[n]) is { } rule) yield return rule;
        }
    }

    /// <summary>Whether any notification listens to this event, so events nobody reads are not written.</summary>
    public static bool Listens(WorkflowDefinition workflow, string eventType) =>
        workflow.Steps.Any(s => s.Notify.Any(n => StepNotifyEvent(workflow, s, n) == eventType))
        || (workflow.Sla?.Notify ?? []).Any(n => SlaEvent(workflow.Name, n.On ?? WorkflowSla.Breach) == eventType);

    public static Task EnqueueAsync(NpgsqlConnection connection, NpgsqlTransaction tx, SchemaNames names, string entity, Guid recordId,
        string eventType, IReadOnlyDictionary<string, object?> data, CancellationToken ct)
    {
        var payload = new Dictionary<string, object?>(data) { ["eventType"] = eventType };
        return OutboxWriter.EnqueueAsync(connection, tx, names, new OutboxEvent("event", entity, recordId, JsonSerializer.Serialize(payload)), null, ct);
    }

    private static AutomationDefinition? Rule(CrmModel model, WorkflowDefinition workflow, string name, string eventType, NotifyDefinition notify)
    {
        if (model.FindTemplate(notify.Template) is not { } template) return null;
        var key = notify.To switch
        {
            "owner" => "owner",
            "previousAssignee" => "previous_assignee",
            _ => "assignee",
        };
        // A user's in-app inbox is addressed by their id; other channels by their e-mail address.
        var to = notify.To == "customer" ? null
            : template.Channel == TemplateChannel.Notification ? $"{{{{ event.{key}_id }}}}" : $"{{{{ event.{key}_email }}}}";
        return new AutomationDefinition
        {
            Name = name,
            Trigger = new TriggerDefinition { Type = TriggerType.Event, Entity = workflow.Entity, EventType = eventType },
            Actions = [new ActionDefinition { Type = ActionType.SendMessage, Template = template.Name, To = to }],
        };
    }
}
