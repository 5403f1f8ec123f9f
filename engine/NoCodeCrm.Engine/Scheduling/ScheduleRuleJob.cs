using Microsoft.Extensions.Logging;
using NoCodeCrm.Engine.Compiled;
using NoCodeCrm.Engine.Metadata.Automation;
using Quartz;

namespace NoCodeCrm.Engine.Scheduling;

/// <summary>The Quartz job behind every schedule rule's cron trigger; the trigger's name is the rule's name.</summary>
public sealed class ScheduleRuleJob(ModelRegistry registry, ScheduleTickWriter writer, ILogger logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var name = context.Trigger.Key.Name;
        var rule = FindRule(registry.Current, name);
        if (rule is null)
        {
            // This node's model lags the one the trigger was synced from, or the rule went away a moment ago.
            logger.LogWarning("Schedule trigger {Rule} fired but the current model has no enabled schedule rule of that name", name);
            return;
        }
        var scheduledAt = context.ScheduledFireTimeUtc ?? context.FireTimeUtc;
        if (!await writer.EnqueueTickAsync(rule, scheduledAt, context.FireTimeUtc, cancellationToken).ConfigureAwait(false))
            logger.LogInformation("Tick {ScheduledAt:o} of rule {Rule} was already enqueued", scheduledAt, name);
    }

    internal static AutomationDefinition? FindRule(CompiledModel model, string name)
    {
        foreach (var rule in model.Model.Automations)
            if (rule.Name == name && !rule.Disabled && rule.Trigger?.Type == TriggerType.Schedule) return rule;
        return null;
    }
}
