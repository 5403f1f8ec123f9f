using Npgsql;
using Microsoft.Extensions.Options;
using NoCodeCrm.Engine.Compiled;
using NoCodeCrm.Engine.Publishing;
using NoCodeCrm.Engine.Schema;
using NoCodeCrm.Engine.Security.Directory;
using NoCodeCrm.Runtime.Auth;

namespace NoCodeCrm.Runtime.Hosting;

/// <summary>Before the server takes requests: system tables, signing key, latest model, and the sample pack on an empty database.</summary>
public sealed class CrmStartup(NpgsqlDataSource dataSource, ModelRegistry registry, MetadataPublisher publisher, TokenService tokens, UserStore users,
    IOptions<CrmOptions> options, ILogger<CrmStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
            await SystemSchema.EnsureAsync(connection, registry.Names, cancellationToken);
        await tokens.LoadKeyAsync(cancellationToken);
        await users.EnsureAdministratorAsync(options.Value.AdminPassword, cancellationToken);
        if (string.IsNullOrEmpty(options.Value.AdminPassword))
            logger.LogWarning("Crm:AdminPassword is not set: until it is, the built-in admin has no password. Set it (e.g. Crm__AdminPassword=...) and restart.");
        var model = await publisher.LoadLatestAsync(cancellationToken);
        if (model.Version == 0 && !string.IsNullOrWhiteSpace(options.Value.Sample))
        {
            var path = SamplePack.Find(options.Value.SamplesDirectory, options.Value.Sample);
            logger.LogInformation("Empty database: publishing the sample pack {Sample} from {Path}", options.Value.Sample, path);
            var result = await publisher.PublishAsync(new PublishRequest(await File.ReadAllTextAsync(path, cancellationToken), "system",
                $"Sample pack '{options.Value.Sample}'"), cancellationToken);
            logger.LogInformation("Published metadata version {Version}", result.Version);
        }
        else
        {
            logger.LogInformation("Metadata version {Version} loaded", model.Version);
        }
        var repaired = await NoCodeCrm.Engine.Security.OwningUnits.RepairAsync(dataSource, registry.Current, cancellationToken);
        if (repaired > 0) logger.LogInformation("Owning team and department put right on {Count} records", repaired);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
