using System.Security.Claims;
using System.Security.Cryptography;
using Dapper;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Npgsql;
using NoCodeCrm.Engine.Compiled;
using NoCodeCrm.Engine.Schema;
using NoCodeCrm.Engine.Security;
using NoCodeCrm.Runtime.Hosting;

namespace NoCodeCrm.Runtime.Auth;

/// <summary>Issues and checks bearer tokens; the signing key lives in the database so every node accepts every node's tokens.</summary>
public sealed class TokenService(NpgsqlDataSource dataSource, ModelRegistry registry, IOptions<CrmOptions> options, ILogger<TokenService> logger)
{
    public const string Issuer = "nocodecrm";
    private SymmetricSecurityKey? _key;

    public SecurityKey Key => _key ?? throw new InvalidOperationException("The signing key is not loaded yet.");

    public async Task LoadKeyAsync(CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var table = Sql.Qualified(registry.Names.SystemSchema, "secret");
        await connection.ExecuteAsync(new CommandDefinition(
            $"INSERT INTO {table} (name, value) VALUES ('token_signing_key', @value) ON CONFLICT (name) DO NOTHING",
            new { value = RandomNumberGenerator.GetBytes(64) }, cancellationToken: ct));
        var key = await connection.ExecuteScalarAsync<byte[]>(new CommandDefinition(
            $"SELECT value FROM {table} WHERE name = 'token_signing_key'", cancellationToken: ct));
        _key = new SymmetricSecurityKey(key!);
        if (string.IsNullOrEmpty(options.Value.AdminPassword))
            logger.LogWarning("Crm:AdminPassword is not set: nobody can log in. Set it (e.g. Crm__AdminPassword=...) and restart.");
    }

    /// <summary>Checks the credentials in constant time and returns a token, or null.</summary>
    public (string Token, DateTime ExpiresAt)? Login(string? username, string? password)
    {
        var expected = options.Value.AdminPassword;
        if (string.IsNullOrEmpty(expected) || username != "admin" || password is null) return null;
        var a = SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(password));
        var b = SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(expected));
        if (!CryptographicOperations.FixedTimeEquals(a, b)) return null;

        var expiresAt = DateTime.UtcNow.Add(options.Value.TokenLifetime);
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Issuer,
            Expires = expiresAt,
            Subject = new ClaimsIdentity([
                new Claim("sub", CrmPrincipal.AdministratorId.ToString()),
                new Claim("name", "admin"),
                new Claim("role", "administrator"),
            ]),
            SigningCredentials = new SigningCredentials(Key, SecurityAlgorithms.HmacSha256),
        });
        return (token, expiresAt);
    }
}
