using NoCodeCrm.Engine.Compliance;
using NoCodeCrm.Engine.Compliance.Retention;
using NoCodeCrm.Engine.Scheduling;
using NoCodeCrm.Engine.Records;

namespace NoCodeCrm.Runtime.Hosting;

/// <summary>Registers data-subject rights (export, erasure, restriction), retention (<c>Crm:Retention</c>, nightly job) and the record of processing.</summary>
public static class ComplianceServiceCollectionExtensions
{
    public static IServiceCollection AddCrmCompliance(this IServiceCollection services)
    {
        services.AddSingleton<ProcessingRestrictions>();
        services.AddSingleton<IRecordWriteHook, RestrictionWriteHook>();
        services.AddSingleton<PersonExporter>();
        services.AddSingleton<PersonEraser>();
        services.AddSingleton<ProcessingRecordBuilder>();
        services.AddSingleton(sp => sp.GetRequiredService<IConfiguration>().GetSection("Crm:Retention").Get<RetentionOptions>() ?? new RetentionOptions());
        services.AddSingleton<RetentionRunner>();
        services.AddSingleton<IMaintenanceJob, RetentionJob>();
        return services;
    }
}
