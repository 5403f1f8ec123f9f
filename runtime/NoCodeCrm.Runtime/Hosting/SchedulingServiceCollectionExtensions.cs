using Microsoft.Extensions.Options;
using Npgsql;
using NoCodeCrm.Engine.Compiled;
using NoCodeCrm.Engine.Scheduling;

namespace NoCodeCrm.Runtime.Hosting;

/// <summary>Registers the clustered scheduler (cron rules, date-relative sweep, maintenance jobs) and its <c>Crm:Scheduling</c> settings.</summary>
public static class SchedulingServiceCollectionExtensions
{
    /// <summary>Call after the start-up hosted service, so the scheduler starts on a loaded model and existing system tables.</summary>
    public static IServiceCollection AddCrmScheduling(this IServiceCollection services)
    {
        services.AddOptions<SchedulingOptions>().BindConfiguration("Crm:Scheduling");
        services.AddSingleton<IMaintenanceJob, SchedulingLedgerCleanup>();
        services.AddSingleton(sp => new CrmScheduler(
            sp.GetRequiredService<NpgsqlDataSource>(),
            sp.GetRequiredService<ModelRegistry>(),
            sp.GetServices<IMaintenanceJob>(),
            sp.GetRequiredService<IOptions<SchedulingOptions>>().Value,
            sp.GetRequiredService<ILoggerFactory>()));
        services.AddHostedService<SchedulingHostedService>();
        return services;
    }
}
