using System.Text.Json;
using Npgsql;
using NoCodeCrm.Engine.Compiled;
using NoCodeCrm.Engine.Publishing;
using NoCodeCrm.Engine.Query;
using NoCodeCrm.Engine.Records;
using NoCodeCrm.Engine.Rollups;
using NoCodeCrm.Engine.Schema;
using NoCodeCrm.Engine.Security;
using NoCodeCrm.Engine.Tests.Infrastructure;

namespace NoCodeCrm.Engine.Tests.Rollups;

/// <summary>A fresh database with the engine wired as the runtime wires it: publisher, record pipeline with the rollup hook, queries.</summary>
public sealed class RollupHost : IAsyncDisposable
{
    private RollupHost(NpgsqlDataSource dataSource, ModelRegistry registry)
    {
        DataSource = dataSource;
        Registry = registry;
        Publisher = new MetadataPublisher(dataSource, registry, new MetadataStore(SchemaNames.Default));
        Records = new RecordService(dataSource, registry, new AdministratorOnlyAccessPolicy(), [new RollupWriteHook(registry)]);
        Query = new RecordQueryService(dataSource, registry, new AdministratorOnlyAccessPolicy());
        Refresher = new RollupRefresher(dataSource, registry);
    }

    public static readonly CrmPrincipal Admin = CrmPrincipal.Administrator();

    public NpgsqlDataSource DataSource { get; }
    public ModelRegistry Registry { get; }
    public MetadataPublisher Publisher { get; }
    public RecordService Records { get; }
    public RecordQueryService Query { get; }
    public RollupRefresher Refresher { get; }

    public static async Task<RollupHost> StartAsync(string model)
    {
        var dataSource = NpgsqlDataSource.Create(await TestPostgres.CreateDatabaseAsync());
        await using (var connection = await dataSource.OpenConnectionAsync())
            await SystemSchema.EnsureAsync(connection, SchemaNames.Default, CancellationToken.None);
        var host = new RollupHost(dataSource, new ModelRegistry(SchemaNames.Default));
        await host.PublishAsync(model);
        return host;
    }

    public async Task<PublishResult> PublishAsync(string model) =>
        await Publisher.PublishAsync(new PublishRequest(model, "test"), CancellationToken.None);

    public async Task<Guid> CreateAsync(string entity, object body) =>
        (await Records.CreateAsync(Admin, entity, JsonSerializer.SerializeToElement(body), CancellationToken.None)).Id;

    public Task PatchAsync(string entity, Guid id, object body) =>
        Records.PatchAsync(Admin, entity, id, JsonSerializer.SerializeToElement(body), null, CancellationToken.None);

    public Task DeleteAsync(string entity, Guid id) => Records.DeleteAsync(Admin, entity, id, null, CancellationToken.None);

    public Task RestoreAsync(string entity, Guid id) => Records.RestoreAsync(Admin, entity, id, CancellationToken.None);

    public Task<StoredRecord> GetAsync(string entity, Guid id) => Records.GetAsync(Admin, entity, id, CancellationToken.None);

    public async Task<object?> ValueAsync(string entity, Guid id, string field) => (await GetAsync(entity, id))[field];

    /// <summary>Runs SQL directly, behind the engine's back: how time passing or a foreign write looks to the engine.</summary>
    public async Task ExecuteAsync(string sql, Guid id)
    {
        await using var command = DataSource.CreateCommand(sql);
        command.Parameters.AddWithValue("id", id);
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync() => await DataSource.DisposeAsync();
}
