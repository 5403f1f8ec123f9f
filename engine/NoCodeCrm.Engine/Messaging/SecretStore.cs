using System.Collections.Concurrent;
using System.Security.Cryptography;
using Dapper;
using Npgsql;
using NoCodeCrm.Engine.Schema;

namespace NoCodeCrm.Engine.Messaging;

/// <summary>
/// Random keys kept in <c>crm_system.secret</c>, created by whichever node asks first, so every node signs and checks
/// tracking tokens and webhooks with the same key (as the runtime's token signing key is kept).
/// </summary>
public sealed class SecretStore(NpgsqlDataSource dataSource, SchemaNames names)
{
    private readonly ConcurrentDictionary<string, byte[]> _cache = new(StringComparer.Ordinal);

    /// <summary>The key named <paramref name="name"/>, generated with <paramref name="length"/> random bytes if it does not exist yet.</summary>
    public async Task<byte[]> GetOrCreateAsync(string name, int length, CancellationToken ct)
    {
        if (_cache.TryGetValue(name, out var cached)) return cached;
        var table = Sql.Qualified(names.SystemSchema, "secret");
        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        // Insert-then-read: two nodes racing both end up with the one row that won.
        await connection.ExecuteAsync(new CommandDefinition(
            $"INSERT INTO {table} (name, value) VALUES (@name, @value) ON CONFLICT (name) DO NOTHING",
            new { name, value = RandomNumberGenerator.GetBytes(length) }, cancellationToken: ct)).ConfigureAwait(false);
        var key = await connection.ExecuteScalarAsync<byte[]>(new CommandDefinition(
            $"SELECT value FROM {table} WHERE name = @name", new { name }, cancellationToken: ct)).ConfigureAwait(false);
        return _cache.GetOrAdd(name, key!);
    }
}
