using System.Security.Cryptography;
using System.Text.Json;
using Dapper;
using Npgsql;
using NoCodeCrm.Engine.Compiled;
using NoCodeCrm.Engine.Errors;
using NoCodeCrm.Engine.Json;
using NoCodeCrm.Engine.Schema;

namespace NoCodeCrm.Engine.Security.Directory;

/// <summary>
/// API keys for integrations: each acts for a user but with exactly one role, is stored as a SHA-256 hash of its random
/// secret (256 bits, so a slow hash adds nothing), and can expire or be revoked; a revoked key fails on its next request.
/// </summary>
public sealed class ApiKeyStore(NpgsqlDataSource dataSource, ModelRegistry registry)
{
    private const string Prefix = "nck_";

    private string S => Sql.Quote(registry.Names.SystemSchema);

    private string SelectKeys => $"""
        SELECT k.id, k.name, k.user_id AS UserId, u.username AS User, k.role, k.created_at AS CreatedAt, k.expires_at AS ExpiresAt,
               k.revoked_at AS RevokedAt, k.last_used_at AS LastUsedAt
        FROM {S}.api_key k JOIN {S}.app_user u ON u.id = k.user_id
        """;

    public async Task<ApiKeyInfo> CreateAsync(CrmPrincipal principal, JsonElement body, CancellationToken ct)
    {
        DirectoryAccess.RequireAdministrator(principal);
        var reader = new JsonBodyReader(body, ["name", "role", "user", "expiresAt"]);
        var name = reader.Text("name", required: true, maxLength: 100);
        var role = reader.Text("role", required: true, maxLength: 63);
        if (role is not null && !RoleNames.Of(registry.Current).Contains(role))
            reader.Error("role", "unknownRole", $"There is no role '{role}'.");
        var expiresAt = reader.DateTime("expiresAt");
        if (expiresAt is { } e && e <= DateTimeOffset.UtcNow) reader.Error("expiresAt", "inThePast", "The expiry must be in the future.");
        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        var references = new DirectoryReferences(connection, null, registry.Names, reader);
        var user = reader.Has("user") ? await references.UserAsync("user", reader.Text("user")).ConfigureAwait(false) : principal.UserId;
        reader.ThrowIfInvalid("The API key is not valid.");

        var id = Guid.CreateVersion7();
        var secret = RandomNumberGenerator.GetBytes(32);
        await connection.ExecuteAsync(new CommandDefinition(
            $"""
             INSERT INTO {S}.api_key (id, name, user_id, role, secret_hash, created_by, expires_at)
             VALUES (@id, @name, @user, @role, @hash, @createdBy, @expiresAt)
             """, new { id, name, user, role, hash = SHA256.HashData(secret), createdBy = principal.UserId, expiresAt = expiresAt?.UtcDateTime },
            cancellationToken: ct)).ConfigureAwait(false);
        var created = await connection.QuerySingleAsync<ApiKeyInfo>(new CommandDefinition($"{SelectKeys} WHERE k.id = @id", new { id }, cancellationToken: ct)).ConfigureAwait(false);
        return created with { Key = Prefix + id.ToString("N") + "_" + Convert.ToHexStringLower(secret) };
    }

    public async Task<IReadOnlyList<ApiKeyInfo>> ListAsync(CrmPrincipal principal, CancellationToken ct)
    {
        DirectoryAccess.RequireAdministrator(principal);
        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        return (await connection.QueryAsync<ApiKeyInfo>(new CommandDefinition($"{SelectKeys} ORDER BY k.created_at DESC", cancellationToken: ct)).ConfigureAwait(false)).AsList();
    }

    public async Task RevokeAsync(CrmPrincipal principal, Guid id, CancellationToken ct)
    {
        DirectoryAccess.RequireAdministrator(principal);
        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        var found = await connection.ExecuteAsync(new CommandDefinition(
            $"UPDATE {S}.api_key SET revoked_at = coalesce(revoked_at, now()) WHERE id = @id", new { id }, cancellationToken: ct)).ConfigureAwait(false);
        if (found == 0) throw CrmException.NotFound($"There is no API key {id}.");
    }

    /// <summary>The key's id, user and role when the key is valid (known, secret matches, not revoked or expired, user active); else null.</summary>
    public async Task<(Guid KeyId, Guid UserId, string Role)?> AuthenticateAsync(string key, CancellationToken ct)
    {
        if (!key.StartsWith(Prefix, StringComparison.Ordinal) || key.Length != Prefix.Length + 32 + 1 + 64 || key[Prefix.Length + 32] != '_') return null;
        if (!Guid.TryParseExact(key.AsSpan(Prefix.Length, 32), "N", out var id)) return null;
        byte[] secret;
        try
        {
            secret = Convert.FromHexString(key.AsSpan(Prefix.Length + 33));
        }
        catch (FormatException)
        {
            return null;
        }
        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<(byte[] Hash, Guid UserId, string Role)?>(new CommandDefinition(
            $"""
             SELECT k.secret_hash, k.user_id, k.role FROM {S}.api_key k JOIN {S}.app_user u ON u.id = k.user_id
             WHERE k.id = @id AND k.revoked_at IS NULL AND (k.expires_at IS NULL OR k.expires_at > now()) AND u.active
             """, new { id }, cancellationToken: ct)).ConfigureAwait(false);
        if (row is not { } found || !CryptographicOperations.FixedTimeEquals(found.Hash, SHA256.HashData(secret))) return null;
        // A coarse last-used time is enough and spares a write per request.
        await connection.ExecuteAsync(new CommandDefinition(
            $"UPDATE {S}.api_key SET last_used_at = now() WHERE id = @id AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')",
            new { id }, cancellationToken: ct)).ConfigureAwait(false);
        return (id, found.UserId, found.Role);
    }
}
