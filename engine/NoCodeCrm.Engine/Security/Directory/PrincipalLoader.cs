using Dapper;
using Npgsql;
using NoCodeCrm.Engine.Compiled;
using NoCodeCrm.Engine.Schema;

namespace NoCodeCrm.Engine.Security.Directory;

/// <summary>
/// Builds the principal of a request from the directory as it is now, so a change of roles, team or department takes
/// effect on the user's next request and a deactivated user or a renewed security stamp ends their sessions at once.
/// </summary>
public sealed class PrincipalLoader(NpgsqlDataSource dataSource, ModelRegistry registry)
{
    private string S => Sql.Quote(registry.Names.SystemSchema);

    private sealed class UserRow
    {
        public string Username { get; init; } = "";
        public string[] Roles { get; init; } = [];
        public Guid? TeamId { get; init; }
        public bool Active { get; init; }
        public Guid SecurityStamp { get; init; }
        public Guid[] Departments { get; init; } = [];
        public string[] SharedEntities { get; init; } = [];
    }

    /// <summary>The user's principal, or null when the user is gone, inactive, or <paramref name="stamp"/> is no longer theirs.</summary>
    public async Task<CrmPrincipal?> LoadAsync(Guid userId, Guid? stamp, string language, CancellationToken ct) =>
        await LoadAsync(userId, stamp, language, null, ct).ConfigureAwait(false);

    /// <summary>The principal of an API key: its user's identity and organisation with exactly the key's role.</summary>
    public async Task<CrmPrincipal?> LoadForApiKeyAsync(Guid keyId, Guid userId, string role, string language, CancellationToken ct) =>
        await LoadAsync(userId, null, language, role, ct).ConfigureAwait(false) is { } principal ? principal with { ApiKeyId = keyId } : null;

    private async Task<CrmPrincipal?> LoadAsync(Guid userId, Guid? stamp, string language, string? onlyRole, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        var user = await connection.QuerySingleOrDefaultAsync<UserRow>(new CommandDefinition(
            $"""
             WITH RECURSIVE u AS (
                 SELECT username, roles, team_id, department_id, active, security_stamp FROM {S}.app_user WHERE id = @userId
             ), below AS (
                 SELECT d.id FROM {S}.department d JOIN u ON d.id = u.department_id
                 UNION
                 SELECT d.id FROM {S}.department d JOIN below b ON d.parent_id = b.id
             )
             SELECT username, roles, team_id AS TeamId, active, security_stamp AS SecurityStamp, ARRAY(SELECT id FROM below) AS Departments,
                    ARRAY(SELECT DISTINCT sh.entity FROM {S}.record_share sh WHERE sh.user_id = @userId OR sh.team_id = u.team_id) AS SharedEntities
             FROM u
             """, new { userId }, cancellationToken: ct)).ConfigureAwait(false);
        if (user is null || !user.Active || (stamp is { } expected && expected != user.SecurityStamp)) return null;
        IReadOnlyList<string> roles = onlyRole is null ? user.Roles : [onlyRole];
        return new CrmPrincipal(userId, user.Username, roles.Contains(CrmPrincipal.AdministratorRole), language)
        {
            Roles = roles,
            Teams = user.TeamId is { } team ? [team] : [],
            Departments = user.Departments,
            SharedEntities = user.SharedEntities.ToHashSet(StringComparer.Ordinal),
        };
    }
}
