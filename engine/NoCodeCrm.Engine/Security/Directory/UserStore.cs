using System.Text.Json;
using System.Text.RegularExpressions;
using Dapper;
using Npgsql;
using NoCodeCrm.Engine.Compiled;
using NoCodeCrm.Engine.Errors;
using NoCodeCrm.Engine.Json;
using NoCodeCrm.Engine.Schema;

namespace NoCodeCrm.Engine.Security.Directory;

/// <summary>
/// Users: create, list, read and change them (roles, team, department, active, password). A change that must end the
/// user's sessions (password, deactivation) renews their security stamp, which every request checks.
/// </summary>
public sealed partial class UserStore(NpgsqlDataSource dataSource, ModelRegistry registry, IPasswordHashing hashing, SecurityOptions options)
{
    public const int MaxTop = 500;
    private static readonly string[] CreateProperties = ["username", "password", "displayName", "email", "roles", "team", "department", "active"];
    private static readonly string[] UpdateProperties = ["password", "displayName", "email", "roles", "team", "department", "active"];

    private string S => Sql.Quote(registry.Names.SystemSchema);

    private string SelectUsers => $"""
        SELECT u.id, u.username, u.display_name AS DisplayName, u.email, u.roles, u.team_id AS TeamId, t.name AS Team,
               u.department_id AS DepartmentId, d.name AS Department, u.active, u.locked_until AS LockedUntil,
               u.last_login_at AS LastLoginAt, u.created_at AS CreatedAt, u.updated_at AS UpdatedAt, u.version
        FROM {S}.app_user u LEFT JOIN {S}.team t ON t.id = u.team_id LEFT JOIN {S}.department d ON d.id = u.department_id
        """;

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._@-]{0,99}$")]
    private static partial Regex UsernamePattern();

    /// <summary>Creates the built-in administrator on first start and gives it the configured password while it has none.</summary>
    public async Task EnsureAdministratorAsync(string? password, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        var hash = string.IsNullOrEmpty(password) ? null : hashing.Hash(password);
        await connection.ExecuteAsync(new CommandDefinition(
            $"""
             INSERT INTO {S}.app_user (id, username, display_name, password_hash, roles, security_stamp, password_changed_at)
             VALUES (@id, 'admin', 'Administrator', @hash, ARRAY['{CrmPrincipal.AdministratorRole}'], @stamp, CASE WHEN @hash IS NULL THEN NULL ELSE now() END)
             ON CONFLICT (id) DO UPDATE SET password_hash = excluded.password_hash, password_changed_at = now()
               WHERE {S}.app_user.password_hash IS NULL AND excluded.password_hash IS NOT NULL
             """, new { id = CrmPrincipal.AdministratorId, hash, stamp = Guid.NewGuid() }, cancellationToken: ct)).ConfigureAwait(false);
    }

    public async Task<UserAccount> CreateAsync(CrmPrincipal principal, JsonElement body, CancellationToken ct)
    {
        DirectoryAccess.RequireAdministrator(principal);
        var reader = new JsonBodyReader(body, CreateProperties);
        var username = reader.Text("username", required: true, maxLength: 100);
        if (username is not null && !UsernamePattern().IsMatch(username))
            reader.Error("username", "invalidUsername", "A user name is letters, digits and . _ @ -, starting with a letter or digit.");
        var password = reader.Secret("password", required: true);
        CheckPassword(reader, "password", password, username);
        var displayName = reader.Text("displayName");
        var email = Email(reader);
        var roles = Roles(reader) ?? [];
        var active = reader.Bool("active") ?? true;

        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        var references = new DirectoryReferences(connection, tx, registry.Names, reader);
        var team = await references.TeamAsync("team", reader.Text("team")).ConfigureAwait(false);
        var department = await references.DepartmentAsync("department", reader.Text("department")).ConfigureAwait(false);
        if (username is not null && await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
                $"SELECT EXISTS (SELECT 1 FROM {S}.app_user WHERE lower(username) = lower(@username))", new { username }, tx, cancellationToken: ct)).ConfigureAwait(false))
            throw new CrmException(CrmErrorKind.Conflict, "duplicateUsername", $"There is already a user '{username}'.",
                [new CrmError("$.username", "duplicateUsername", "This user name is taken.")]);
        reader.ThrowIfInvalid("The user is not valid.");

        var id = Guid.CreateVersion7();
        await connection.ExecuteAsync(new CommandDefinition(
            $"""
             INSERT INTO {S}.app_user (id, username, display_name, email, password_hash, roles, team_id, department_id, active, security_stamp, password_changed_at)
             VALUES (@id, @username, @displayName, @email, @hash, @roles, @team, @department, @active, @stamp, now())
             """,
            new { id, username, displayName, email, hash = hashing.Hash(password!), roles = roles.ToArray(), team, department, active, stamp = Guid.NewGuid() },
            tx, cancellationToken: ct)).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
        return await GetAsync(principal, id, ct).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<UserAccount>> ListAsync(CrmPrincipal principal, string? search, int top, int skip, CancellationToken ct)
    {
        DirectoryAccess.RequireAdministrator(principal);
        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        var rows = await connection.QueryAsync<UserAccount>(new CommandDefinition(
            $"""
             {SelectUsers}
             WHERE @search::text IS NULL OR u.username ILIKE '%' || @search || '%' OR u.display_name ILIKE '%' || @search || '%'
             ORDER BY lower(u.username) LIMIT @top OFFSET @skip
             """, new { search = search is null ? null : EscapeLike(search), top, skip }, cancellationToken: ct)).ConfigureAwait(false);
        return rows.AsList();
    }

    public async Task<UserAccount> GetAsync(CrmPrincipal principal, Guid id, CancellationToken ct)
    {
        if (principal.UserId != id) DirectoryAccess.RequireAdministrator(principal);
        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        return await connection.QuerySingleOrDefaultAsync<UserAccount>(new CommandDefinition($"{SelectUsers} WHERE u.id = @id", new { id }, cancellationToken: ct)).ConfigureAwait(false)
            ?? throw CrmException.NotFound($"There is no user {id}.");
    }

    /// <summary>Changes what the body names; a new password or deactivation ends the user's sessions, a new password also unlocks.</summary>
    public async Task<UserAccount> UpdateAsync(CrmPrincipal principal, Guid id, JsonElement body, int? ifVersion, CancellationToken ct)
    {
        DirectoryAccess.RequireAdministrator(principal);
        var reader = new JsonBodyReader(body, UpdateProperties);
        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        var current = await connection.QuerySingleOrDefaultAsync<(string Username, int Version)?>(new CommandDefinition(
            $"SELECT username, version FROM {S}.app_user WHERE id = @id FOR UPDATE", new { id }, tx, cancellationToken: ct)).ConfigureAwait(false)
            ?? throw CrmException.NotFound($"There is no user {id}.");
        if (ifVersion is { } expected && expected != current.Version)
            throw new CrmException(CrmErrorKind.PreconditionFailed, "versionMismatch", $"The user is at version {current.Version}, not {expected}.");

        var sets = new List<string>();
        var parameters = new DynamicParameters(new { id });
        var password = reader.Secret("password");
        if (reader.Has("password"))
        {
            CheckPassword(reader, "password", password, current.Username);
            if (password is not null) parameters.Add("hash", hashing.Hash(password));
            sets.Add("password_hash = @hash, password_changed_at = now(), failed_logins = 0, locked_until = NULL, security_stamp = gen_random_uuid()");
        }
        if (reader.Has("displayName")) { parameters.Add("displayName", reader.Text("displayName")); sets.Add("display_name = @displayName"); }
        if (reader.Has("email")) { parameters.Add("email", Email(reader)); sets.Add("email = @email"); }
        var roles = reader.Has("roles") ? Roles(reader) ?? [] : null;
        if (roles is not null) { parameters.Add("roles", roles.ToArray()); sets.Add("roles = @roles"); }
        var references = new DirectoryReferences(connection, tx, registry.Names, reader);
        if (reader.Has("team")) { parameters.Add("team", await references.TeamAsync("team", reader.Text("team")).ConfigureAwait(false)); sets.Add("team_id = @team"); }
        if (reader.Has("department"))
        {
            parameters.Add("department", await references.DepartmentAsync("department", reader.Text("department")).ConfigureAwait(false));
            sets.Add("department_id = @department");
        }
        if (reader.Has("active"))
        {
            var active = reader.Bool("active");
            if (active is null) reader.Error("active", "invalidType", "Expected true or false.");
            if (active == false && id == CrmPrincipal.AdministratorId) reader.Error("active", "builtInAdministrator", "The built-in administrator cannot be deactivated.");
            parameters.Add("active", active ?? true);
            sets.Add("active = @active, security_stamp = CASE WHEN @active THEN security_stamp ELSE gen_random_uuid() END");
        }
        if (id == CrmPrincipal.AdministratorId && roles is not null && !roles.Contains(CrmPrincipal.AdministratorRole))
            reader.Error("roles", "builtInAdministrator", "The built-in administrator keeps the administrator role.");
        reader.ThrowIfInvalid("The change to the user is not valid.");
        if (sets.Count > 0)
            await connection.ExecuteAsync(new CommandDefinition(
                $"UPDATE {S}.app_user SET {string.Join(", ", sets)}, updated_at = now(), version = version + 1 WHERE id = @id", parameters, tx, cancellationToken: ct)).ConfigureAwait(false);
        if (reader.Has("team") || reader.Has("department"))
            await OwningUnits.FollowOwnerAsync(connection, tx, registry.Current, id, ct).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
        return await GetAsync(principal, id, ct).ConfigureAwait(false);
    }

    /// <summary>A user changes their own password, proving the current one; their other sessions end.</summary>
    public async Task ChangeOwnPasswordAsync(CrmPrincipal principal, JsonElement body, CancellationToken ct)
    {
        var reader = new JsonBodyReader(body, ["currentPassword", "newPassword"]);
        var currentPassword = reader.Secret("currentPassword", required: true);
        var newPassword = reader.Secret("newPassword", required: true);
        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        var user = await connection.QuerySingleOrDefaultAsync<(string Username, string? Hash)?>(new CommandDefinition(
            $"SELECT username, password_hash FROM {S}.app_user WHERE id = @id AND active", new { id = principal.UserId }, cancellationToken: ct)).ConfigureAwait(false)
            ?? throw new CrmException(CrmErrorKind.Forbidden, "forbidden", "Only a user can change their own password.");
        CheckPassword(reader, "newPassword", newPassword, user.Username);
        if (currentPassword is not null && (user.Hash is null || hashing.Verify(user.Hash, currentPassword) == PasswordCheck.Failed))
            reader.Error("currentPassword", "wrongPassword", "The current password is wrong.");
        reader.ThrowIfInvalid("The password was not changed.");
        await connection.ExecuteAsync(new CommandDefinition(
            $"""
             UPDATE {S}.app_user SET password_hash = @hash, password_changed_at = now(), security_stamp = gen_random_uuid(),
                    updated_at = now(), version = version + 1
             WHERE id = @id
             """, new { id = principal.UserId, hash = hashing.Hash(newPassword!) }, cancellationToken: ct)).ConfigureAwait(false);
    }

    private void CheckPassword(JsonBodyReader reader, string property, string? password, string? username)
    {
        if (password is null) return;
        if (password.Length < options.MinPasswordLength)
            reader.Error(property, "weakPassword", $"A password has at least {options.MinPasswordLength} characters.");
        else if (password.Length > 200)
            reader.Error(property, "tooLong", "At most 200 characters.");
        else if (username is not null && string.Equals(password, username, StringComparison.OrdinalIgnoreCase))
            reader.Error(property, "weakPassword", "The password may not be the user name.");
    }

    private static string? Email(JsonBodyReader reader)
    {
        var email = reader.Text("email", maxLength: 254);
        if (email is not null && (!email.Contains('@', StringComparison.Ordinal) || email.StartsWith('@') || email.EndsWith('@') || email.Any(char.IsWhiteSpace)))
            reader.Error("email", "invalidEmail", "Expected an e-mail address.");
        return email;
    }

    private IReadOnlyList<string>? Roles(JsonBodyReader reader)
    {
        var roles = reader.TextList("roles");
        if (roles is null) return null;
        var known = RoleNames.Of(registry.Current);
        for (var i = 0; i < roles.Count; i++)
            if (!known.Contains(roles[i]))
                reader.Error($"roles[{i}]", "unknownRole", $"There is no role '{roles[i]}'; roles: {string.Join(", ", known.Order(StringComparer.Ordinal))}.");
        return roles;
    }

    private static string EscapeLike(string text) => text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}
