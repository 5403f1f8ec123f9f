using System.Diagnostics;
using System.Globalization;
using NoCodeCrm.Engine.Hosting;

namespace NoCodeCrm.Engine.Tests.Infrastructure;

/// <summary>
/// One throwaway PostgreSQL cluster per test process, started on first use and stopped and
/// deleted when the process exits (and, should that not happen, by the next test run). Each test class asks for its own fresh database.
/// </summary>
public static class TestPostgres
{
    private const string FolderPrefix = "nocodecrm-test-pg-";

    private static readonly Lazy<Task<EmbeddedPostgres>> Server = new(StartAsync, LazyThreadSafetyMode.ExecutionAndPublication);
    private static int _databaseCount;

    /// <summary>
    /// Creates a new, empty database (with pg_trgm) in the test cluster and returns its
    /// connection string, pooled like the product's.
    /// </summary>
    public static async Task<string> CreateDatabaseAsync(CancellationToken ct = default)
    {
        var server = await Server.Value.WaitAsync(ct);
        var number = Interlocked.Increment(ref _databaseCount);
        var name = string.Create(CultureInfo.InvariantCulture, $"test_{number:D3}_{Guid.NewGuid():N}")[..24];
        await server.EnsureDatabaseAsync(name, ct);
        return server.ConnectionStringFor(name);
    }

    private static async Task<EmbeddedPostgres> StartAsync()
    {
        await RemoveOrphanedClustersAsync();

        // Under /tmp (mode 1777) rather than $TMPDIR: as root the cluster runs as the postgres
        // user, who must be able to traverse every parent folder.
        var directory = Path.Combine(TempRoot, $"{FolderPrefix}{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        EmbeddedPostgres server;
        try
        {
            server = await EmbeddedPostgres.StartAsync(new EmbeddedPostgresOptions
            {
                DataDirectory = directory,
                Durable = false,
                Database = "tests",
                MaxConnections = 300,
            });
        }
        catch
        {
            TryDelete(directory);
            throw;
        }

        AppDomain.CurrentDomain.ProcessExit += (_, _) => StartCleanup(directory);
        return server;
    }

    /// <summary>
    /// Stops the cluster and deletes its folder from a small shell process that outlives this one.
    /// </summary>
    /// <remarks>
    /// VSTest kills the test host about 100 ms after the run ends (VSTEST_TESTHOST_SHUTDOWN_TIMEOUT),
    /// often before <c>pg_ctl stop</c>, which polls every 100 ms, returns, so stopping in-process
    /// leaves the folder behind and sometimes the server running. SIGQUIT is what
    /// <c>pg_ctl stop -m immediate</c> sends; the postmaster removes its lock file when it is done.
    /// </remarks>
    private static void StartCleanup(string directory)
    {
        const string script = """
            exec </dev/null >/dev/null 2>&1
            lock="$1/pgdata/postmaster.pid"
            pid=$(head -n 1 "$lock") && kill -QUIT "$pid"
            for i in $(seq 100); do [ -e "$lock" ] || break; sleep 0.05; done
            [ -e "$lock" ] || rm -rf "$1"
            """;
        var startInfo = new ProcessStartInfo("/bin/sh")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "-c", script, "test-postgres-cleanup", directory })
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var cleanup = Process.Start(startInfo);
    }

    /// <summary>
    /// Clusters of test processes that died without reaching ProcessExit (killed runs, debugger
    /// stops) would keep a postmaster running forever; stop and delete those whose process is gone.
    /// </summary>
    private static async Task RemoveOrphanedClustersAsync()
    {
        if (!Directory.Exists("/proc/self") || !Directory.Exists(TempRoot))
        {
            return;
        }

        foreach (var directory in Directory.EnumerateDirectories(TempRoot, FolderPrefix + "*"))
        {
            var pidText = Path.GetFileName(directory)[FolderPrefix.Length..].Split('-')[0];
            if (!int.TryParse(pidText, CultureInfo.InvariantCulture, out var pid) || Directory.Exists($"/proc/{pid}"))
            {
                continue;
            }

            try
            {
                await EmbeddedPostgres.StopLeftoverServerAsync(
                    new EmbeddedPostgresOptions { DataDirectory = directory }, immediate: true, logger: null, CancellationToken.None);
                TryDelete(directory);
            }
            catch (Exception)
            {
                // Best effort: a folder we cannot clean up must not fail the tests.
            }
        }
    }

    private static string TempRoot => Directory.Exists("/tmp") ? "/tmp" : Path.GetTempPath();

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Left for the next run's orphan sweep.
        }
    }
}
