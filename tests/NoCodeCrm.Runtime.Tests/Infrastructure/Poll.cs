using System.Diagnostics;

namespace NoCodeCrm.Runtime.Tests.Infrastructure;

/// <summary>Waits for an asynchronous outcome by polling, timed with a Stopwatch because the machine clock can jump.</summary>
public static class Poll
{
    /// <summary>Reads until the condition holds and returns that value; fails naming what was awaited and the last value seen.</summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what, TimeSpan timeout, Func<string>? diagnostics = null)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var value = await read();
            if (done(value)) return value;
            if (clock.Elapsed > timeout)
                Assert.Fail($"Timed out after {timeout.TotalSeconds} s waiting for {what}; last value: {value}{Environment.NewLine}{diagnostics?.Invoke()}");
            await Task.Delay(100);
        }
    }
}
