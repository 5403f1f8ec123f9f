using NoCodeCrm.Engine.Pipelines;

namespace NoCodeCrm.Runtime.Hosting;

/// <summary>Registers the pipeline reads: board, stage history, forecast (the stage guard is a record write hook).</summary>
public static class PipelinesServiceCollectionExtensions
{
    public static IServiceCollection AddCrmPipelines(this IServiceCollection services)
    {
        services.AddSingleton<PipelineBoard>();
        services.AddSingleton<StageHistory>();
        services.AddSingleton<PipelineForecast>();
        return services;
    }
}
