using System.Text.Json;
using System.Text.Json.Nodes;
using Npgsql;
using NoCodeCrm.Engine.Audit;
using NoCodeCrm.Engine.Compiled;
using NoCodeCrm.Engine.Publishing;
using NoCodeCrm.Engine.Records;
using NoCodeCrm.Engine.Schema;
using NoCodeCrm.Engine.Security;
using NoCodeCrm.Engine.Tests.Infrastructure;

namespace NoCodeCrm.Engine.Tests.Audit;

/// <summary>A fresh database with the record pipeline wired with the audit hook (and any hooks a test adds after it), the audit log and store.</summary>
public sealed class AuditHost : IAsyncDisposable
{
    public const string Model = """
        {"entities": [
          {"name": "company", "fields": [{"name": "name", "type": "text"}]},
          {"name": "person", "fields": [
            {"name": "name", "type": "text"},
            {"name": "city", "type": "text"},
            {"name": "tags", "type": "multiChoice", "options": [{"value": "vip"}, {"value": "press"}]},
            {"name": "score", "type": "decimal", "precision": 9, "scale": 2},
            {"name": "company", "type": "lookup", "target": "company", "onDelete": "cascade"}
          ]}
        ]}
        """;

    /// <summary>An administrator other than the built-in one, so rows can be told apart by user.</summary>
    public static readonly CrmPrincipal Ayse = new(Guid.Parse("0000000a-0000-0000-0000-0000000000a5"), "ayse", true);

    private AuditHost(NpgsqlDataSource dataSource, ModelRegistry registry, IRecordWriteHook[] moreHooks)
    {
        DataSource = dataSource;
        Registry = registry;
        Publisher = new MetadataPublisher(dataSource, registry, new MetadataStore(SchemaNames.Default));
        Records = new RecordService(dataSource, registry, new AdministratorOnlyAccessPolicy(), [new AuditWriteHook(registry), .. moreHooks]);
        Log = new AuditLog(dataSource, registry);
        Store = new AuditStore(dataSource, registry);
    }

    public NpgsqlDataSource DataSource { get; }
    public ModelRegistry Registry { get; }
    public MetadataPublisher Publisher { get; }
    public RecordService Records { get; }
    public AuditLog Log { get; }
    public AuditStore Store { get; }

    public static async Task<AuditHost> StartAsync(params IRecordWriteHook[] moreHooks)
    {
        var dataSource = NpgsqlDataSource.Create(await TestPostgres.CreateDatabaseAsync());
        await using (var connection = await dataSource.OpenConnectionAsync())
            await SystemSchema.EnsureAsync(connection, SchemaNames.Default, CancellationToken.None);
        var host = new AuditHost(dataSource, new ModelRegistry(SchemaNames.Default), moreHooks);
        await host.Publisher.PublishAsync(new PublishRequest(Model, "test"), CancellationToken.None);
        return host;
    }

    public async Task<Guid> CreateAsync(string entity, object body, CrmPrincipal? principal = null) =>
        (await Records.CreateAsync(principal ?? Ayse, entity, JsonSerializer.SerializeToElement(body), CancellationToken.None)).Id;

    public Task PatchAsync(string entity, Guid id, object body, CrmPrincipal? principal = null) =>
        Records.PatchAsync(principal ?? Ayse, entity, id, JsonSerializer.SerializeToElement(body), null, CancellationToken.None);

    /// <summary>The audit rows matching the query, newest first, as JSON.</summary>
    public async Task<JsonObject[]> AuditAsync(AuditQuery query) =>
        (await Store.ListAsync(query, CancellationToken.None)).Select(r => JsonNode.Parse(r)!.AsObject()).ToArray();

    public async Task<long> ScalarAsync(string sql)
    {
        await using var command = DataSource.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync() => await DataSource.DisposeAsync();
}
