using NoCodeCrm.Engine.Automation.Compiled;
using NoCodeCrm.Engine.Compiled;
using NoCodeCrm.Engine.Records;
using NoCodeCrm.Engine.Scheduling;
using NoCodeCrm.Engine.Workflows;
using Npgsql;

namespace NoCodeCrm.Runtime.Hosting;

/// <summary>Registers workflows: the write hook, approvals and trail, and the SLA sweep (<c>Crm:Workflows</c>).</summary>
public static class WorkflowServiceCollectionExtensions
{
    /// <summary>
    /// The key of the clock workflow times come from (a keyed <see cref="TimeProvider"/>; the system clock when none is registered). Keyed, so a
    /// test's manual clock moves workflow time only, not the framework's timers and token lifetimes.
    /// </summary>
    public const string ClockKey = "crm.workflows.clock";

    /// <summary>Call right after the record service: the workflow hook must run before the audit and outbox hooks, so they see what it sets.</summary>
    public static IServiceCollection AddCrmWorkflows(this IServiceCollection services)
    {
        services.AddSingleton(sp => sp.GetRequiredService<IConfiguration>().GetSection("Crm:Workflows").Get<WorkflowOptions>() ?? new WorkflowOptions());
        services.AddSingleton(sp => new WorkflowCatalogs(sp.GetService<IAutomationConditionCompiler>()));
        services.AddSingleton<IRecordWriteHook>(sp => new WorkflowWriteHook(sp.GetRequiredService<ModelRegistry>(), sp.GetRequiredService<WorkflowCatalogs>(),
            Clock(sp), sp.GetService<IAutomationConditionCompiler>()));
        services.AddSingleton<WorkflowService>();
        services.AddSingleton(sp => new WorkflowSlaSweeper(sp.GetRequiredService<NpgsqlDataSource>(), sp.GetRequiredService<ModelRegistry>(),
            sp.GetRequiredService<RecordService>(), Clock(sp), sp.GetRequiredService<WorkflowOptions>(), sp.GetRequiredService<ILogger<WorkflowSlaSweeper>>()));
        services.AddSingleton<IMaintenanceJob>(sp => sp.GetRequiredService<WorkflowSlaSweeper>());
        return services;
    }

    private static TimeProvider Clock(IServiceProvider services) => services.GetKeyedService<TimeProvider>(ClockKey) ?? TimeProvider.System;
}
