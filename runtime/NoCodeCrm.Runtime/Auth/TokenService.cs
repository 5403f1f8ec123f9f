using System.Security.Claims;
using System.Security.Cryptography;
using NoCodeCrm.Engine.Security.Directory;
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
public sealed class TokenService(NpgsqlDataSource dataSource, ModelRegistry registry, IOptions<CrmOptions> options)
{
    public const string Issuer = "nocodecrm";
    public const string StampClaim = "stamp";
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
    }

    /// <summary>A bearer token for a logged-in user; it carries their security stamp, so a password change or deactivation ends it.</summary>
    public (string Token, DateTime ExpiresAt) CreateToken(LoginResult user)
    {
        var expiresAt = DateTime.UtcNow.Add(options.Value.TokenLifetime);
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Issuer,
            Expires = expiresAt,
            Subject = new ClaimsIdentity([
                new Claim("sub", user.UserId.ToString()),
                new Claim("name", user.UserName),
                new Claim(StampClaim, user.SecurityStamp.ToString()),
            ]),
            SigningCredentials = new SigningCredentials(Key, SecurityAlgorithms.HmacSha256),
        });
        return (token, expiresAt);
    }
}
