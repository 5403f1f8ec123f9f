using Dapper;
using Npgsql;
using NoCodeCrm.Engine.Compiled;
using NoCodeCrm.Engine.Hosting;
using NoCodeCrm.Engine.Publishing;
using NoCodeCrm.Engine.Schema;

namespace NoCodeCrm.Bench;

/// <summary>A private, durable PostgreSQL for one bench mode, with the engine's tables and the mode's model published.</summary>
internal sealed class BenchDatabase : IAsyncDisposable
{
    private readonly DirectoryInfo _folder;

    private BenchDatabase(DirectoryInfo folder, EmbeddedPostgres postgres, NpgsqlDataSource dataSource, ModelRegistry registry)
    {
        _folder = folder;
        Postgres = postgres;
        DataSource = dataSource;
        Registry = registry;
    }

    public EmbeddedPostgres Postgres { get; }
    public NpgsqlDataSource DataSource { get; }
    public ModelRegistry Registry { get; }

    public static async Task<BenchDatabase> StartAsync(string mode, string document)
    {
        var folder = Directory.CreateTempSubdirectory($"nocodecrm-bench-{mode}-");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(folder.FullName, (UnixFileMode)0b111_101_101);
        var postgres = await EmbeddedPostgres.StartAsync(new EmbeddedPostgresOptions { DataDirectory = folder.FullName });
        var dataSource = new NpgsqlDataSourceBuilder(postgres.ConnectionString).Build();
        var registry = new ModelRegistry(SchemaNames.Default);
        await using (var connection = await dataSource.OpenConnectionAsync()) await SystemSchema.EnsureAsync(connection, SchemaNames.Default, default);
        await new MetadataPublisher(dataSource, registry, new MetadataStore(SchemaNames.Default)).PublishAsync(new PublishRequest(document, "bench"), default);
        return new BenchDatabase(folder, postgres, dataSource, registry);
    }

    /// <summary>
    /// Users spread round-robin over teams: the first user of each team has the role <c>manager</c>, the others <c>rep</c>
    /// (the roles the scoped modes' models define). Returns the user ids in that order.
    /// </summary>
    public static async Task<Guid[]> AddUsersAsync(NpgsqlConnection connection, int userCount, int teamCount)
    {
        var teams = Enumerable.Range(0, teamCount).Select(_ => Guid.CreateVersion7()).ToArray();
        var users = Enumerable.Range(0, userCount).Select(_ => Guid.CreateVersion7()).ToArray();
        await connection.ExecuteAsync("INSERT INTO crm_system.team (id, name) SELECT id, 'team ' || n FROM unnest(@teams) WITH ORDINALITY AS t(id, n)", new { teams });
        await connection.ExecuteAsync(
            """
            INSERT INTO crm_system.app_user (id, username, roles, team_id, security_stamp)
            SELECT id, 'user' || n, CASE WHEN n <= @teamCount THEN ARRAY['manager'] ELSE ARRAY['rep'] END, (@teams)[1 + (n - 1) % @teamCount], gen_random_uuid()
            FROM unnest(@users) WITH ORDINALITY AS u(id, n)
            """, new { users, teams, teamCount });
        return users;
    }

    /// <summary>Stops the server and removes its data folder.</summary>
    public async Task StopAndDeleteAsync()
    {
        await Postgres.StopAsync();
        _folder.Delete(recursive: true);
    }

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();
        await Postgres.DisposeAsync();
    }
}
