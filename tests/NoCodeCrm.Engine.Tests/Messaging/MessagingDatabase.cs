using Npgsql;
using NoCodeCrm.Engine.Compiled;
using NoCodeCrm.Engine.Schema;
using NoCodeCrm.Engine.Tests.Infrastructure;

namespace NoCodeCrm.Engine.Tests.Messaging;

/// <summary>A fresh database with the engine's system tables, shared by the tests of one class.</summary>
public sealed class MessagingDatabase : IAsyncLifetime
{
    public NpgsqlDataSource DataSource { get; private set; } = null!;
    public ModelRegistry Registry { get; } = new(SchemaNames.Default);

    public async Task InitializeAsync()
    {
        DataSource = NpgsqlDataSource.Create(await TestPostgres.CreateDatabaseAsync());
        await using var connection = await DataSource.OpenConnectionAsync();
        await SystemSchema.EnsureAsync(connection, SchemaNames.Default, CancellationToken.None);
    }

    public async Task DisposeAsync() => await DataSource.DisposeAsync();
}
