using Npgsql;
using NoCodeCrm.Engine.Publishing;

namespace NoCodeCrm.Runtime.Hosting;

/// <summary>Keeps this node's compiled model current when another node publishes (PostgreSQL LISTEN/NOTIFY).</summary>
public sealed class MetadataListener(NpgsqlDataSource dataSource, MetadataPublisher publisher, ILogger<MetadataListener> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
                var changed = 0;
                connection.Notification += (_, _) => Interlocked.Exchange(ref changed, 1);
                await using (var listen = new NpgsqlCommand($"LISTEN {MetadataPublisher.NotifyChannel}", connection))
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                // A publish between start-up and LISTEN would otherwise be missed.
                await publisher.LoadLatestAsync(stoppingToken);
                while (!stoppingToken.IsCancellationRequested)
                {
                    await connection.WaitAsync(stoppingToken);
                    if (Interlocked.Exchange(ref changed, 0) == 1) await publisher.LoadLatestAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Listening for metadata changes failed; retrying in 5 s");
                await Task.Delay(TimeSpan.FromSeconds(5), stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }
}
