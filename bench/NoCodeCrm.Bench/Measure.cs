using System.Diagnostics;

namespace NoCodeCrm.Bench;

/// <summary>Runs work on several workers and reports throughput and latency percentiles.</summary>
internal static class Measure
{
    public static async Task<double> ThroughputAsync(int operations, int workers, Func<int, Task> operation)
    {
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < operations) await operation(i);
        }));
        return operations / clock.Elapsed.TotalSeconds;
    }

    public static async Task<(double P50, double P95)> LatencyAsync(int operations, Func<int, Task> operation)
    {
        var samples = new double[operations];
        for (var i = 0; i < operations; i++)
        {
            var clock = Stopwatch.StartNew();
            await operation(i);
            samples[i] = clock.Elapsed.TotalMilliseconds;
        }
        Array.Sort(samples);
        return (samples[operations / 2], samples[(int)(operations * 0.95)]);
    }
}
