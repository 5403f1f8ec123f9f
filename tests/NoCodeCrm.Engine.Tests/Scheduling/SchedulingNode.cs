using System.Text.Json.Nodes;
using Dapper;
using Npgsql;
using NoCodeCrm.Engine.Compiled;
using NoCodeCrm.Engine.Publishing;
using NoCodeCrm.Engine.Schema;
using NoCodeCrm.Engine.Scheduling;

namespace NoCodeCrm.Engine.Tests.Scheduling;

/// <summary>One "node" of the product on a shared test database: its own connection pool, model registry, publisher and sweeper.</summary>
public sealed class SchedulingNode : IAsyncDisposable
{
    private SchedulingNode(string connectionString)
    {
        DataSource = NpgsqlDataSource.Create(connectionString);
        Registry = new ModelRegistry(SchemaNames.Default);
        Publisher = new MetadataPublisher(DataSource, Registry, new MetadataStore(SchemaNames.Default));
        Sweeper = new DateRelativeSweeper(DataSource, Registry);
    }

    public NpgsqlDataSource DataSource { get; }
    public ModelRegistry Registry { get; }
    public MetadataPublisher Publisher { get; }
    public DateRelativeSweeper Sweeper { get; }

    public static async Task<SchedulingNode> StartAsync(string connectionString)
    {
        var node = new SchedulingNode(connectionString);
        await using (var connection = await node.DataSource.OpenConnectionAsync())
            await SystemSchema.EnsureAsync(connection, SchemaNames.Default, CancellationToken.None);
        await node.Publisher.LoadLatestAsync(CancellationToken.None);
        return node;
    }

    public CrmScheduler CreateScheduler(string instanceId, TimeSpan? sweepInterval = null, params IMaintenanceJob[] maintenance) =>
        new(DataSource, Registry, maintenance, new SchedulingOptions
        {
            InstanceId = instanceId,
            SweepInterval = sweepInterval ?? TimeSpan.FromMinutes(1),
            CheckinInterval = TimeSpan.FromSeconds(2),
        });

    public Task<PublishResult> PublishAsync(JsonNode document) =>
        Publisher.PublishAsync(new PublishRequest(document.ToJsonString(), "test"), CancellationToken.None);

    public async Task<T> ScalarAsync<T>(string sql, object? parameters = null)
    {
        await using var connection = await DataSource.OpenConnectionAsync();
        return (await connection.ExecuteScalarAsync<T>(sql, parameters))!;
    }

    public async Task<int> ExecuteAsync(string sql, object? parameters = null)
    {
        await using var connection = await DataSource.OpenConnectionAsync();
        return await connection.ExecuteAsync(sql, parameters);
    }

    public async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, object? parameters = null)
    {
        await using var connection = await DataSource.OpenConnectionAsync();
        return (await connection.QueryAsync<T>(sql, parameters)).AsList();
    }

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();

    /// <summary>A model with a sales order (date and datetime fields) and a person (birth date), plus the given rules.</summary>
    public static JsonObject Model(params JsonObject[] automations) => new()
    {
        ["entities"] = new JsonArray(
            new JsonObject
            {
                ["name"] = "sales_order",
                ["fields"] = new JsonArray(
                    new JsonObject { ["name"] = "title", ["type"] = "text" },
                    new JsonObject { ["name"] = "contract_end", ["type"] = "date" },
                    new JsonObject { ["name"] = "renewal_at", ["type"] = "datetime" }),
            },
            new JsonObject
            {
                ["name"] = "person",
                ["fields"] = new JsonArray(
                    new JsonObject { ["name"] = "name", ["type"] = "text" },
                    new JsonObject { ["name"] = "birth_date", ["type"] = "date" }),
            }),
        ["automations"] = new JsonArray(automations),
    };

    public static JsonObject Rule(string name, JsonObject trigger, bool disabled = false) => new()
    {
        ["name"] = name,
        ["disabled"] = disabled,
        ["trigger"] = trigger,
        ["actions"] = new JsonArray(),
    };
}
