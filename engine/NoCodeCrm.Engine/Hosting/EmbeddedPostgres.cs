using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace NoCodeCrm.Engine.Hosting;

/// <summary>
/// A private PostgreSQL cluster run from the machine's PostgreSQL binaries: initialised on first
/// use in <see cref="EmbeddedPostgresOptions.DataDirectory"/>, started on a free loopback port,
/// stopped by <see cref="StopAsync"/> or <see cref="DisposeAsync"/>. The data survives restarts.
/// </summary>
/// <remarks>
/// Layout of the data folder: <c>pgdata/</c> (the cluster), <c>postgres.log</c> (server log,
/// appended to), <c>socket/</c> (unix socket, for psql). Authentication is <c>trust</c> for the
/// <c>postgres</c> superuser, and the server listens on 127.0.0.1 only.
/// </remarks>
public sealed partial class EmbeddedPostgres : IAsyncDisposable
{
    private const string SuperUser = "postgres";
    private const string AdminDatabase = "postgres";

    private readonly PostgresBinaries _binaries;
    private readonly PostgresOsAccount _account;
    private readonly ClusterFolder _cluster;
    private readonly ILogger _logger;
    private readonly Lock _stopGate = new();
    private Task? _stopping;

    private EmbeddedPostgres(PostgresBinaries binaries, PostgresOsAccount account, ClusterFolder cluster, int port, string database, ILogger logger)
    {
        _binaries = binaries;
        _account = account;
        _cluster = cluster;
        _logger = logger;
        Port = port;
        ConnectionString = ConnectionStringFor(database);
        AdminConnectionString = ConnectionStringFor(AdminDatabase);
    }

    /// <summary>The folder the cluster lives in (absolute).</summary>
    public string DataDirectory => _cluster.DataDirectory;

    /// <summary>The loopback TCP port chosen for this run; a new one each start.</summary>
    public int Port { get; }

    /// <summary>Npgsql connection string to <see cref="EmbeddedPostgresOptions.Database"/> as the superuser.</summary>
    public string ConnectionString { get; }

    /// <summary>Npgsql connection string to the <c>postgres</c> maintenance database as the superuser.</summary>
    public string AdminConnectionString { get; }

    /// <summary>
    /// Starts the cluster, creating it first if the data folder has none, and makes sure the
    /// database named by the options exists with <c>pg_trgm</c> installed.
    /// </summary>
    /// <exception cref="PostgresBinariesNotFoundException">The PostgreSQL server programs are not installed.</exception>
    /// <exception cref="EmbeddedPostgresException">The cluster could not be created or started; the message says why.</exception>
    public static async Task<EmbeddedPostgres> StartAsync(EmbeddedPostgresOptions options, ILogger? logger = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.DataDirectory);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Database);
        logger ??= NullLogger.Instance;

        var binaries = await PostgresBinaries.FindAsync(options, logger, ct).ConfigureAwait(false);
        var account = await PostgresOsAccount.ForCurrentProcessAsync(ct).ConfigureAwait(false);
        var cluster = new ClusterFolder(Path.GetFullPath(options.DataDirectory));

        await account.PrepareDirectoryAsync(cluster.DataDirectory, recursive: false, ct).ConfigureAwait(false);
        await account.EnsureReachableAsync(cluster.DataDirectory, ct).ConfigureAwait(false);
        await account.PrepareDirectoryAsync(cluster.PgData, recursive: true, ct).ConfigureAwait(false);
        if (cluster.SocketDirectory is not null)
        {
            await account.PrepareDirectoryAsync(cluster.SocketDirectory, recursive: false, ct).ConfigureAwait(false);
        }

        if (!File.Exists(Path.Combine(cluster.PgData, "PG_VERSION")))
        {
            await InitDbAsync(binaries, account, cluster, options, logger, ct).ConfigureAwait(false);
        }

        await StopLeftoverServerAsync(binaries, account, cluster, immediate: false, logger, ct).ConfigureAwait(false);
        var port = await StartServerAsync(binaries, account, cluster, options, logger, ct).ConfigureAwait(false);

        var server = new EmbeddedPostgres(binaries, account, cluster, port, options.Database, logger);
        try
        {
            await server.EnsureDatabaseAsync(options.Database, ct).ConfigureAwait(false);
        }
        catch
        {
            try
            {
                await server.StopAsync(CancellationToken.None).ConfigureAwait(false);
            }
            catch (EmbeddedPostgresException stopError)
            {
                // The original failure is the one worth reporting.
                logger.LogWarning(stopError, "Could not stop PostgreSQL after a failed start");
            }

            throw;
        }

        return server;
    }

    /// <summary>Stops the server (fast shutdown: open sessions are ended, committed work is kept). Idempotent.</summary>
    public Task StopAsync(CancellationToken ct = default) => StopAsync(immediate: false, ct);

    /// <inheritdoc cref="StopAsync(CancellationToken)"/>
    public async ValueTask DisposeAsync() => await StopAsync(CancellationToken.None).ConfigureAwait(false);

    /// <summary>
    /// Stops the server. <paramref name="immediate"/> skips the shutdown checkpoint (the next
    /// start replays the WAL); it is meant for throwaway clusters about to be deleted.
    /// </summary>
    internal Task StopAsync(bool immediate, CancellationToken ct)
    {
        Task stopping;
        lock (_stopGate)
        {
            if (_stopping is null || _stopping.IsFaulted)
            {
                // Shared by every caller and never cancelled halfway: a half-stopped server helps no one.
                _stopping = StopCoreAsync(immediate);
            }

            stopping = _stopping;
        }

        return stopping.WaitAsync(ct);
    }

    /// <summary>A connection string like <see cref="ConnectionString"/> for another database of this cluster.</summary>
    internal string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = Port,
            Username = SuperUser,
            Database = database,
            MaxPoolSize = 50,
            MaxAutoPrepare = 32,
            AutoPrepareMinUsages = 2,
        }.ConnectionString;

    /// <summary>Creates the database if it is missing and installs <c>pg_trgm</c> in it.</summary>
    internal async Task EnsureDatabaseAsync(string database, CancellationToken ct)
    {
        // Unpooled: these one-off sessions must not linger in a pool after the server stops.
        var admin = new NpgsqlConnectionStringBuilder(AdminConnectionString) { Pooling = false }.ConnectionString;
        var connection = new NpgsqlConnection(admin);
        await using (connection.ConfigureAwait(false))
        {
            await connection.OpenAsync(ct).ConfigureAwait(false);
            if (!await DatabaseExistsAsync(connection, database, ct).ConfigureAwait(false))
            {
                await CreateDatabaseAsync(connection, database, ct).ConfigureAwait(false);
                _logger.LogInformation("Created database {Database}", database);
            }
        }

        var target = new NpgsqlConnectionStringBuilder(ConnectionStringFor(database)) { Pooling = false }.ConnectionString;
        var databaseConnection = new NpgsqlConnection(target);
        await using (databaseConnection.ConfigureAwait(false))
        {
            await databaseConnection.OpenAsync(ct).ConfigureAwait(false);
            var command = new NpgsqlCommand("create extension if not exists pg_trgm", databaseConnection);
            await using (command.ConfigureAwait(false))
            {
                await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }
        }
    }

    private static async Task<bool> DatabaseExistsAsync(NpgsqlConnection connection, string database, CancellationToken ct)
    {
        var command = new NpgsqlCommand("select 1 from pg_database where datname = $1", connection)
        {
            Parameters = { new NpgsqlParameter { Value = database } },
        };
        await using (command.ConfigureAwait(false))
        {
            return await command.ExecuteScalarAsync(ct).ConfigureAwait(false) is not null;
        }
    }

    private static async Task CreateDatabaseAsync(NpgsqlConnection connection, string database, CancellationToken ct)
    {
        using var builder = new NpgsqlCommandBuilder();
        var command = new NpgsqlCommand($"create database {builder.QuoteIdentifier(database)}", connection);
        await using (command.ConfigureAwait(false))
        {
            try
            {
                await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.DuplicateDatabase)
            {
                // Created meanwhile by someone else: that is all we wanted.
            }
        }
    }

    private async Task StopCoreAsync(bool immediate)
    {
        ClearPool(ConnectionString);
        ClearPool(AdminConnectionString);
        await StopServerAsync(_binaries, _account, _cluster, immediate, CancellationToken.None).ConfigureAwait(false);

        _logger.LogInformation("Stopped PostgreSQL in {DataDirectory}", DataDirectory);
    }

    private static void ClearPool(string connectionString)
    {
        using var connection = new NpgsqlConnection(connectionString);
        NpgsqlConnection.ClearPool(connection);
    }
}
