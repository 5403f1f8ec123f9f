using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace NoCodeCrm.Bench;

/// <summary>Drives the HTTP API with wrk (a C load generator) when it is installed, so the client's own cost stays small.</summary>
internal static partial class Wrk
{
    public static bool Available => File.Exists("/usr/bin/wrk");

    /// <summary>Requests per second for one URL; <paramref name="postBody"/> makes it a JSON POST.</summary>
    public static async Task<double> RequestsPerSecondAsync(string url, string token, string? postBody, int seconds)
    {
        string? script = null;
        if (postBody is not null)
        {
            script = Path.GetTempFileName();
            await File.WriteAllTextAsync(script,
                $"wrk.method = \"POST\"\nwrk.body = [[{postBody}]]\nwrk.headers[\"Content-Type\"] = \"application/json\"\n");
        }
        try
        {
            var arguments = new List<string> { "-t2", "-c4", $"-d{seconds}s", "-H", $"Authorization: Bearer {token}" };
            if (script is not null) arguments.AddRange(["-s", script]);
            arguments.Add(url);
            using var process = Process.Start(new ProcessStartInfo("/usr/bin/wrk", arguments) { RedirectStandardOutput = true })!;
            var output = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            if (output.Contains("Non-2xx", StringComparison.Ordinal)) throw new InvalidOperationException("wrk saw failing requests:\n" + output);
            return double.Parse(RequestsPerSecond().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);
        }
        finally
        {
            if (script is not null) File.Delete(script);
        }
    }

    [GeneratedRegex(@"Requests/sec:\s+([0-9.]+)")]
    private static partial Regex RequestsPerSecond();
}
