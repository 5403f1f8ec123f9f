using Dapper;
using Npgsql;
using NoCodeCrm.Engine.Compiled;
using NoCodeCrm.Engine.Schema;

namespace NoCodeCrm.Engine.Security.Directory;

/// <summary>
/// Checks credentials with lockout: after <see cref="SecurityOptions.MaxFailedLogins"/> failures in a row the account is
/// locked for <see cref="SecurityOptions.LockoutDuration"/>, even for the right password. Counting happens in the database
/// row, so every node sees the same count.
/// </summary>
public sealed class LoginService(NpgsqlDataSource dataSource, ModelRegistry registry, IPasswordHashing hashing, SecurityOptions options)
{
    private readonly Lazy<string> _dummyHash = new(() => hashing.Hash(Guid.NewGuid().ToString()));

    private string S => Sql.Quote(registry.Names.SystemSchema);

    private sealed record Credentials(Guid Id, string Username, string? PasswordHash, bool Active, DateTime? LockedUntil, Guid SecurityStamp);

    public async Task<LoginResult> LoginAsync(string? username, string? password, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(username) || string.IsNullOrEmpty(password) || username.Length > 100 || password.Length > 200) return LoginResult.Failed;
        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        var user = await connection.QuerySingleOrDefaultAsync<Credentials>(new CommandDefinition(
            $"""
             SELECT id, username, password_hash AS PasswordHash, active, locked_until AS LockedUntil, security_stamp AS SecurityStamp
             FROM {S}.app_user WHERE lower(username) = lower(@username)
             """, new { username }, cancellationToken: ct)).ConfigureAwait(false);
        if (user is null || user.PasswordHash is null || !user.Active)
        {
            // The same hashing work as for a real user, so response time does not tell which names exist.
            hashing.Verify(_dummyHash.Value, password);
            return LoginResult.Failed;
        }
        if (user.LockedUntil is { } until && until > DateTime.UtcNow)
            return LoginResult.Failed with { LockedOut = true, LockedUntil = until };

        var check = hashing.Verify(user.PasswordHash, password);
        if (check == PasswordCheck.Failed)
        {
            var lockedUntil = await connection.QuerySingleAsync<DateTime?>(new CommandDefinition(
                $"""
                 UPDATE {S}.app_user SET failed_logins = CASE WHEN failed_logins + 1 >= @max THEN 0 ELSE failed_logins + 1 END,
                        locked_until = CASE WHEN failed_logins + 1 >= @max THEN now() + @duration ELSE locked_until END
                 WHERE id = @id RETURNING CASE WHEN locked_until > now() THEN locked_until END
                 """, new { id = user.Id, max = options.MaxFailedLogins, duration = options.LockoutDuration }, cancellationToken: ct)).ConfigureAwait(false);
            return LoginResult.Failed with { LockedOut = lockedUntil is not null, LockedUntil = lockedUntil };
        }
        await connection.ExecuteAsync(new CommandDefinition(
            $"""
             UPDATE {S}.app_user SET failed_logins = 0, locked_until = NULL, last_login_at = now(),
                    password_hash = coalesce(@rehash, password_hash)
             WHERE id = @id
             """, new { id = user.Id, rehash = check == PasswordCheck.SuccessRehashNeeded ? hashing.Hash(password) : null }, cancellationToken: ct)).ConfigureAwait(false);
        return new LoginResult(true, user.Id, user.Username, user.SecurityStamp, false, null);
    }
}
