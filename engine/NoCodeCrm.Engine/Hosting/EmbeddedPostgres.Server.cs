using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace NoCodeCrm.Engine.Hosting;

/// <summary>The cluster's lifecycle on disk and as processes: initdb, pg_ctl start and stop, leftovers.</summary>
public sealed partial class EmbeddedPostgres
{
    /// <summary>A port picked free can be taken before the postmaster binds it; then we pick again.</summary>
    private const int StartAttempts = 3;
    private const int LogTailLines = 30;
    private const long MaxLogBytes = 10 * 1024 * 1024;

    /// <summary>
    /// Stops a server still running on the data folder of these options (a previous process that
    /// was never stopped), and discards a lock file whose process number now belongs to an
    /// unrelated process. Does nothing when no server runs there.
    /// </summary>
    internal static async Task StopLeftoverServerAsync(EmbeddedPostgresOptions options, bool immediate, ILogger? logger, CancellationToken ct)
    {
        logger ??= NullLogger.Instance;
        var binaries = await PostgresBinaries.FindAsync(options, logger, ct).ConfigureAwait(false);
        var account = await PostgresOsAccount.ForCurrentProcessAsync(ct).ConfigureAwait(false);
        var cluster = new ClusterFolder(Path.GetFullPath(options.DataDirectory));
        await StopLeftoverServerAsync(binaries, account, cluster, immediate, logger, ct).ConfigureAwait(false);
    }

    private static async Task InitDbAsync(
        PostgresBinaries binaries,
        PostgresOsAccount account,
        ClusterFolder cluster,
        EmbeddedPostgresOptions options,
        ILogger logger,
        CancellationToken ct)
    {
        logger.LogInformation("Creating a PostgreSQL cluster in {PgData}", cluster.PgData);

        // Collation C: code-point order, the fastest sort, and LIKE 'abc%' can use a plain btree.
        // Character type C.UTF-8: upper(), lower(), ILIKE and regex classes know non-ASCII letters
        // (with --no-locale they change ASCII only). Language-aware order comes from the ICU
        // collations initdb imports either way, e.g. ORDER BY name COLLATE "tr-x-icu".
        List<string> arguments = ["-D", cluster.PgData, "-U", SuperUser, "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8", "--lc-collate=C"];
        if (!options.Durable)
        {
            arguments.Add("--no-sync");
        }

        var result = await account.RunAsync(binaries.InitDb, arguments, cluster.DataDirectory, ct).ConfigureAwait(false);
        if (!result.Succeeded && result.Output.Contains("invalid locale", StringComparison.OrdinalIgnoreCase))
        {
            // initdb empties the folder when it fails, so it can simply try again.
            logger.LogWarning("The C.UTF-8 locale is missing; creating the cluster with --no-locale (upper/lower will change ASCII letters only)");
            arguments = [.. arguments.Where(a => !a.StartsWith("--l", StringComparison.Ordinal)), "--no-locale"];
            result = await account.RunAsync(binaries.InitDb, arguments, cluster.DataDirectory, ct).ConfigureAwait(false);
        }

        if (!result.Succeeded)
        {
            throw new EmbeddedPostgresException(
                $"initdb could not create a PostgreSQL cluster in {cluster.PgData} (exit code {result.ExitCode}):{Environment.NewLine}{result.Output}");
        }
    }

    /// <returns>The port the server listens on.</returns>
    private static async Task<int> StartServerAsync(
        PostgresBinaries binaries,
        PostgresOsAccount account,
        ClusterFolder cluster,
        EmbeddedPostgresOptions options,
        ILogger logger,
        CancellationToken ct)
    {
        RotateLog(cluster.LogFile);
        for (var attempt = 1; ; attempt++)
        {
            var port = FreeLoopbackPort();
            var logStart = File.Exists(cluster.LogFile) ? new FileInfo(cluster.LogFile).Length : 0;

            // -w waits until the server accepts connections. pg_ctl itself exits then; the postmaster
            // keeps running with its output in the log file (see ProcessRunner on why that matters).
            string[] arguments = ["-D", cluster.PgData, "-l", cluster.LogFile, "-w", "-t", "300", "-o", ServerOptions(cluster, options, port), "start"];
            ProcessResult result;
            try
            {
                result = await account.RunAsync(binaries.PgCtl, arguments, cluster.DataDirectory, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // pg_ctl was killed, but the postmaster it forked may live on: do not leave it behind.
                await StopServerAsync(binaries, account, cluster, immediate: true, CancellationToken.None).ConfigureAwait(false);
                throw;
            }

            if (result.Succeeded)
            {
                logger.LogInformation("PostgreSQL started in {PgData} on 127.0.0.1:{Port}", cluster.PgData, port);
                return port;
            }

            var logTail = ReadLogTail(cluster.LogFile, logStart);
            if (attempt < StartAttempts && logTail.Contains("Address already in use", StringComparison.Ordinal))
            {
                logger.LogWarning("Port {Port} was taken before PostgreSQL could bind it; trying another", port);
                continue;
            }

            throw new EmbeddedPostgresException(
                $"PostgreSQL did not start in {cluster.PgData} (pg_ctl exited with {result.ExitCode}).{Environment.NewLine}"
                + $"pg_ctl said: {result.Output}{Environment.NewLine}"
                + $"Last lines of {cluster.LogFile}:{Environment.NewLine}{logTail}");
        }
    }

    /// <summary>Settings passed to the postmaster on its command line (pg_ctl's -o).</summary>
    private static string ServerOptions(ClusterFolder cluster, EmbeddedPostgresOptions options, int port)
    {
        // pg_ctl runs the postmaster through /bin/sh, so the string is parsed by the shell:
        // the socket folder is quoted, and '' (no unix socket at all) stays an empty argument.
        var settings = new List<string>
        {
            "-c listen_addresses=127.0.0.1",
            $"-p {port}",
            $"-k {ShellQuote(cluster.SocketDirectory ?? string.Empty)}",
        };
        if (options.MaxConnections is { } maxConnections)
        {
            settings.Add($"-c max_connections={maxConnections}");
        }

        if (!options.Durable)
        {
            settings.Add("-c fsync=off -c synchronous_commit=off -c full_page_writes=off");
        }

        return string.Join(' ', settings);
    }

    private static async Task StopLeftoverServerAsync(
        PostgresBinaries binaries,
        PostgresOsAccount account,
        ClusterFolder cluster,
        bool immediate,
        ILogger logger,
        CancellationToken ct)
    {
        var lockLines = ReadLockFileHead(cluster.PidFile);
        if (lockLines is null || !int.TryParse(lockLines[0], out var pid))
        {
            // No lock file (or a torn one): nothing runs here, or the postmaster will say what is wrong.
            return;
        }

        bool running;
        if (!Directory.Exists("/proc/self"))
        {
            // No procfs: ask pg_ctl, which probes the process number with kill(pid, 0).
            var status = await account.RunAsync(binaries.PgCtl, ["-D", cluster.PgData, "status"], cluster.DataDirectory, ct).ConfigureAwait(false);
            running = status.Succeeded;
        }
        else if (!Directory.Exists($"/proc/{pid}"))
        {
            // The server died without cleaning up; the postmaster discards such a lock file itself.
            return;
        }
        else
        {
            // The number is alive, but process numbers get reused (a container restart hands the same
            // low numbers out again). A postmaster's working directory is its data folder, so ours
            // is running exactly when that folder's lock file is this lock file.
            var theirs = ReadLockFileHead($"/proc/{pid}/cwd/postmaster.pid");
            running = theirs is not null && theirs.SequenceEqual(lockLines);
            if (!running)
            {
                logger.LogWarning("Removing the stale {PidFile}: process {Pid} is not the PostgreSQL server of this folder", cluster.PidFile, pid);
                File.Delete(cluster.PidFile);
                return;
            }
        }

        if (running)
        {
            logger.LogWarning("A PostgreSQL server from an earlier run still uses {PgData}; stopping it", cluster.PgData);
            await StopServerAsync(binaries, account, cluster, immediate, ct).ConfigureAwait(false);
        }
    }

    private static async Task StopServerAsync(
        PostgresBinaries binaries,
        PostgresOsAccount account,
        ClusterFolder cluster,
        bool immediate,
        CancellationToken ct)
    {
        var mode = immediate ? "immediate" : "fast";
        var result = await account.RunAsync(binaries.PgCtl, ["-D", cluster.PgData, "-m", mode, "-w", "-t", "120", "stop"], cluster.DataDirectory, ct)
            .ConfigureAwait(false);

        // pg_ctl also fails when no server was running; only a lock file left behind is a failure to stop.
        if (!result.Succeeded && File.Exists(cluster.PidFile) && ReadLockFileHead(cluster.PidFile) is not null)
        {
            throw new EmbeddedPostgresException(
                $"Could not stop PostgreSQL in {cluster.PgData} (pg_ctl exited with {result.ExitCode}): {result.Output}");
        }
    }

    /// <summary>The lock file's first three lines (process number, data folder, start time), or null.</summary>
    private static string[]? ReadLockFileHead(string path)
    {
        try
        {
            var lines = File.ReadLines(path).Take(3).ToArray();
            return lines.Length == 3 ? lines : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static void RotateLog(string logFile)
    {
        var log = new FileInfo(logFile);
        if (log.Exists && log.Length > MaxLogBytes)
        {
            log.MoveTo(logFile + ".1", overwrite: true);
        }
    }

    private static string ReadLogTail(string logFile, long from)
    {
        try
        {
            using var stream = new FileStream(logFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            stream.Seek(Math.Min(from, stream.Length), SeekOrigin.Begin);
            using var reader = new StreamReader(stream, Encoding.UTF8);
            var lines = reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            return lines.Length == 0 ? "(nothing was logged)" : string.Join(Environment.NewLine, lines.TakeLast(LogTailLines));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return $"(the log could not be read: {ex.Message})";
        }
    }

    private static string ShellQuote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
