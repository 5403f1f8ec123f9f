using Microsoft.Extensions.DependencyInjection.Extensions;
using NoCodeCrm.Engine.Records;
using NoCodeCrm.Engine.Scheduling;
using NoCodeCrm.Engine.Workflows;

namespace NoCodeCrm.Runtime.Hosting;

/// <summary>Registers workflows: the write hook, approvals and trail, and the SLA sweep (<c>Crm:Workflows</c>).</summary>
public static class WorkflowServiceCollectionExtensions
{
    /// <summary>Call right after the record service: the workflow hook must run before the audit and outbox hooks, so they see what it sets.</summary>
    public static IServiceCollection AddCrmWorkflows(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => sp.GetRequiredService<IConfiguration>().GetSection("Crm:Workflows").Get<WorkflowOptions>() ?? new WorkflowOptions());
        services.AddSingleton<WorkflowCatalogs>();
        services.AddSingleton<IRecordWriteHook, WorkflowWriteHook>();
        services.AddSingleton<WorkflowService>();
        services.AddSingleton<WorkflowSlaSweeper>();
        services.AddSingleton<IMaintenanceJob>(sp => sp.GetRequiredService<WorkflowSlaSweeper>());
        return services;
    }
}
