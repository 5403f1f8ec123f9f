using NoCodeCrm.Engine.Hosting;

namespace NoCodeCrm.Runtime.Hosting;

/// <summary>Stops the embedded PostgreSQL cluster when the runtime shuts down.</summary>
public sealed class EmbeddedPostgresLifetime(EmbeddedPostgres postgres) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => postgres.StopAsync(cancellationToken);
}
