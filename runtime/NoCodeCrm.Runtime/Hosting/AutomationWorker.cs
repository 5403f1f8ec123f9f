using Npgsql;
using NoCodeCrm.Engine.Automation.Execution;
using NoCodeCrm.Engine.Automation.Outbox;

namespace NoCodeCrm.Runtime.Hosting;

/// <summary>
/// This node's automation worker: woken by NOTIFY when an outbox event or a run is committed (milliseconds, not a polling
/// interval), it fans events out into runs and executes due runs; a poll also catches waits and retries falling due.
/// </summary>
public sealed class AutomationWorker(NpgsqlDataSource dataSource, AutomationFanOut fanOut, AutomationRunner runner, AutomationOptions options,
    ILogger<AutomationWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Lets host start-up go on; CrmStartup, registered earlier, has already created the tables and loaded the model.
        await Task.Yield();
        if (!options.WorkerEnabled) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var listener = await dataSource.OpenConnectionAsync(stoppingToken);
                await using (var listen = new NpgsqlCommand($"LISTEN {OutboxWriter.Channel}; LISTEN {AutomationFanOut.RunChannel};", listener))
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                while (!stoppingToken.IsCancellationRequested)
                {
                    int done;
                    do
                    {
                        done = await fanOut.ProcessBatchAsync(stoppingToken) + await runner.ProcessBatchAsync(stoppingToken);
                    } while (done > 0 && !stoppingToken.IsCancellationRequested);
                    // Any notification (or the poll interval) means: look again.
                    await listener.WaitAsync(options.PollInterval, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "The automation worker failed; restarting it in 2 s");
                await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }
}
