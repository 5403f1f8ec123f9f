using Dapper;
using Npgsql;
using NoCodeCrm.Engine.Metadata.Workflows;

namespace NoCodeCrm.Engine.Workflows;

/// <summary>Finds users in the directory for workflows: a step's assignee, the next manager of an escalation, a user's address.</summary>
public static class WorkflowAssignees
{
    public const string TeamLead = "teamLead";
    public const string DepartmentManager = "departmentManager";

    /// <summary>The user a step assigns to, or null when the rule finds nobody (the owner then stays).</summary>
    public static async Task<Guid?> ResolveAsync(NpgsqlConnection connection, NpgsqlTransaction tx, string s, AssigneeDefinition? assignee, Guid? owner,
        string turnKey, CancellationToken ct)
    {
        switch (assignee?.Type)
        {
            case AssigneeType.User:
                return await connection.ExecuteScalarAsync<Guid?>(new CommandDefinition(
                    $"SELECT id FROM {s}.app_user WHERE id = @id AND active", new { id = assignee.User }, tx, cancellationToken: ct)).ConfigureAwait(false);
            case AssigneeType.Team:
                return await connection.ExecuteScalarAsync<Guid?>(new CommandDefinition(
                    $"SELECT lead_id FROM {s}.team WHERE lower(name) = lower(@team)", new { team = assignee.Team }, tx, cancellationToken: ct)).ConfigureAwait(false);
            case AssigneeType.TeamRoundRobin:
                return await TurnAsync(connection, tx, s, turnKey, $"""
                    SELECT u.id FROM {s}.app_user u JOIN {s}.team t ON t.id = u.team_id
                    WHERE lower(t.name) = lower(@name) AND u.active ORDER BY u.id
                    """, assignee.Team!, ct).ConfigureAwait(false);
            case AssigneeType.Role:
                return await TurnAsync(connection, tx, s, turnKey,
                    $"SELECT id FROM {s}.app_user WHERE @name = ANY(roles) AND active ORDER BY id", assignee.Role!, ct).ConfigureAwait(false);
            case AssigneeType.OwnerManager:
                return await EscalationTargetAsync(connection, tx, s, DepartmentManager, owner, ct).ConfigureAwait(false);
            case AssigneeType.TeamLead:
                return await EscalationTargetAsync(connection, tx, s, TeamLead, owner, ct).ConfigureAwait(false);
            default:
                return null;
        }
    }

    /// <summary>The team lead or the department manager (the user's own department, else their team's) of a user.</summary>
    public static async Task<Guid?> EscalationTargetAsync(NpgsqlConnection connection, NpgsqlTransaction tx, string s, string level, Guid? user, CancellationToken ct)
    {
        if (user is null) return null;
        var sql = level == TeamLead
            ? $"SELECT t.lead_id FROM {s}.app_user u JOIN {s}.team t ON t.id = u.team_id WHERE u.id = @user"
            : $"""
               SELECT d.manager_id FROM {s}.app_user u
               JOIN {s}.department d ON d.id = coalesce(u.department_id, (SELECT t.department_id FROM {s}.team t WHERE t.id = u.team_id))
               WHERE u.id = @user
               """;
        return await connection.ExecuteScalarAsync<Guid?>(new CommandDefinition(sql, new { user }, tx, cancellationToken: ct)).ConfigureAwait(false);
    }

    /// <summary>A user's e-mail address and display name, for notifications.</summary>
    public static async Task<(string? Email, string? Name)> ContactAsync(NpgsqlConnection connection, NpgsqlTransaction tx, string s, Guid? user, CancellationToken ct)
    {
        if (user is null) return (null, null);
        var row = await connection.QuerySingleOrDefaultAsync<(string? Email, string? Name)>(new CommandDefinition(
            $"SELECT email, coalesce(display_name, username) FROM {s}.app_user WHERE id = @user", new { user }, tx, cancellationToken: ct)).ConfigureAwait(false);
        return row;
    }

    // Round-robin shared by every node: the counter row is locked by the increment, so two writes never get the same turn.
    private static async Task<Guid?> TurnAsync(NpgsqlConnection connection, NpgsqlTransaction tx, string s, string key, string membersSql, string name, CancellationToken ct)
    {
        var members = (await connection.QueryAsync<Guid>(new CommandDefinition(membersSql, new { name }, tx, cancellationToken: ct)).ConfigureAwait(false)).AsList();
        if (members.Count == 0) return null;
        var turn = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            $"""
             INSERT INTO {s}.workflow_turn AS w (key) VALUES (@key)
             ON CONFLICT (key) DO UPDATE SET counter = w.counter + 1 RETURNING counter
             """, new { key }, tx, cancellationToken: ct)).ConfigureAwait(false);
        return members[(int)(turn % members.Count)];
    }
}
