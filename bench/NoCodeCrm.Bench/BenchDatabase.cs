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
