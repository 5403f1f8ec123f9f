using NoCodeCrm.Engine.Automation.Actions;
using NoCodeCrm.Engine.Automation.Compiled;
using NoCodeCrm.Engine.Automation.Execution;
using NoCodeCrm.Engine.Automation.Outbox;
using NoCodeCrm.Engine.Automation.Runs;
using NoCodeCrm.Engine.Automation.Testing;
using NoCodeCrm.Engine.Records;
using NoCodeCrm.Engine.Rollups;
using NoCodeCrm.Engine.Scheduling;

namespace NoCodeCrm.Runtime.Hosting;

/// <summary>Registers automation: the outbox and effect hooks, the actions, the worker, the run log and test mode (<c>Crm:Automation</c>).</summary>
public static class AutomationServiceCollectionExtensions
{
    /// <summary>Call after the start-up hosted service, so workers start on a loaded model and existing system tables.</summary>
    public static IServiceCollection AddCrmAutomation(this IServiceCollection services)
    {
        services.AddSingleton(sp => sp.GetRequiredService<IConfiguration>().GetSection("Crm:Automation").Get<AutomationOptions>() ?? new AutomationOptions());
        services.AddSingleton<IAutomationConditionCompiler, RuleEngineConditionCompiler>();
        services.AddSingleton<AutomationCatalogs>();
        services.AddSingleton<IRecordWriteHook, OutboxRecordHook>();
        services.AddSingleton<IRecordWriteHook, AutomationEffectHook>();
        services.AddSingleton<IActionRenderer, TemplateActionRenderer>();
        services.AddSingleton<IAutomationAction, UpdateRecordAction>();
        services.AddSingleton<IAutomationAction, CreateRecordAction>();
        services.AddSingleton<IAutomationAction, AssignOwnerAction>();
        services.AddSingleton<IAutomationAction, SendMessageAction>();
        services.AddSingleton<IAutomationAction, WebhookAction>();
        services.AddSingleton<AutomationFanOut>();
        services.AddSingleton<AutomationRunner>();
        services.AddSingleton<AutomationRunStore>();
        services.AddSingleton<AutomationSimulator>();
        services.AddSingleton<IMaintenanceJob, RollupRefreshJob>();
        services.AddHostedService<AutomationWorker>();
        return services;
    }
}
