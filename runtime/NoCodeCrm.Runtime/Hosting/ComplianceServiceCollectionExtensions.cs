using NoCodeCrm.Engine.Compliance;
using NoCodeCrm.Engine.Records;

namespace NoCodeCrm.Runtime.Hosting;

/// <summary>Registers data-subject rights (export, erasure, restriction) and the record of processing.</summary>
public static class ComplianceServiceCollectionExtensions
{
    public static IServiceCollection AddCrmCompliance(this IServiceCollection services)
    {
        services.AddSingleton<ProcessingRestrictions>();
        services.AddSingleton<IRecordWriteHook, RestrictionWriteHook>();
        services.AddSingleton<PersonExporter>();
        services.AddSingleton<PersonEraser>();
        services.AddSingleton<ProcessingRecordBuilder>();
        return services;
    }
}
