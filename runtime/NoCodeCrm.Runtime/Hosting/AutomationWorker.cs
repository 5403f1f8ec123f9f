using Npgsql;
using NoCodeCrm.Engine.Automation.Execution;
using NoCodeCrm.Engine.Automation.Outbox;

namespace NoCodeCrm.Runtime.Hosting;

/// <summary>
/// This node's automation worker: woken by NOTIFY when an outbox event or a run is committed (milliseconds, not a polling
/// interval), it fans events out into runs and, in a loop of its own, executes due runs; a poll also catches waits and
/// retries falling due.
/// </summary>
public sealed class AutomationWorker(NpgsqlDataSource dataSource, AutomationFanOut fanOut, AutomationRunner runner, AutomationOptions options,
    ILogger<AutomationWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Lets host start-up go on; CrmStartup, registered earlier, has already created the tables and loaded the model.
        await Task.Yield();
        if (!options.WorkerEnabled) return;
        // Two loops, so a long batch of runs never keeps new events waiting for their fan-out (the latency tail).
        await Task.WhenAll(
            LoopAsync(OutboxWriter.Channel, fanOut.ProcessBatchAsync, "fan-out", stoppingToken),
            LoopAsync(AutomationFanOut.RunChannel, runner.ProcessBatchAsync, "run", stoppingToken));
    }

    private async Task LoopAsync(string channel, Func<CancellationToken, Task<int>> processBatch, string name, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var listener = await dataSource.OpenConnectionAsync(stoppingToken);
                await using (var listen = new NpgsqlCommand($"LISTEN {channel};", listener))
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                while (!stoppingToken.IsCancellationRequested)
                {
                    while (await processBatch(stoppingToken) > 0 && !stoppingToken.IsCancellationRequested)
                    {
                    }
                    // A notification (or the poll interval, for waits and retries falling due) means: look again.
                    await listener.WaitAsync(options.PollInterval, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "The automation {Loop} loop failed; restarting it in 2 s", name);
                await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }
}
