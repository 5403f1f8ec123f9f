using System.Text.Json;
using Dapper;
using Npgsql;
using NoCodeCrm.Engine.Compiled;
using NoCodeCrm.Engine.Errors;
using NoCodeCrm.Engine.Json;
using NoCodeCrm.Engine.Schema;

namespace NoCodeCrm.Engine.Security.Directory;

/// <summary>Teams (with leads) and the department tree (with managers): create, list and change them.</summary>
public sealed class OrganisationStore(NpgsqlDataSource dataSource, ModelRegistry registry)
{
    private static readonly string[] TeamProperties = ["name", "lead", "department"];
    private static readonly string[] DepartmentProperties = ["name", "parent", "manager"];

    private string S => Sql.Quote(registry.Names.SystemSchema);

    private string SelectTeams => $"""
        SELECT t.id, t.name, t.lead_id AS LeadId, l.username AS Lead, t.department_id AS DepartmentId, d.name AS Department,
               (SELECT count(*)::int FROM {S}.app_user m WHERE m.team_id = t.id) AS Members
        FROM {S}.team t LEFT JOIN {S}.app_user l ON l.id = t.lead_id LEFT JOIN {S}.department d ON d.id = t.department_id
        """;

    private string SelectDepartments => $"""
        SELECT d.id, d.name, d.parent_id AS ParentId, p.name AS Parent, d.manager_id AS ManagerId, m.username AS Manager
        FROM {S}.department d LEFT JOIN {S}.department p ON p.id = d.parent_id LEFT JOIN {S}.app_user m ON m.id = d.manager_id
        """;

    public async Task<Team> CreateTeamAsync(CrmPrincipal principal, JsonElement body, CancellationToken ct)
    {
        DirectoryAccess.RequireAdministrator(principal);
        var reader = new JsonBodyReader(body, TeamProperties);
        var name = reader.Text("name", required: true, maxLength: 100);
        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        var references = new DirectoryReferences(connection, tx, registry.Names, reader);
        var lead = await references.UserAsync("lead", reader.Text("lead")).ConfigureAwait(false);
        var department = await references.DepartmentAsync("department", reader.Text("department")).ConfigureAwait(false);
        await RequireUniqueAsync(connection, tx, "team", name, null, ct).ConfigureAwait(false);
        reader.ThrowIfInvalid("The team is not valid.");
        var id = Guid.CreateVersion7();
        await connection.ExecuteAsync(new CommandDefinition(
            $"INSERT INTO {S}.team (id, name, lead_id, department_id) VALUES (@id, @name, @lead, @department)",
            new { id, name, lead, department }, tx, cancellationToken: ct)).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
        return await GetTeamAsync(id, ct).ConfigureAwait(false);
    }

    public async Task<Team> UpdateTeamAsync(CrmPrincipal principal, Guid id, JsonElement body, CancellationToken ct)
    {
        DirectoryAccess.RequireAdministrator(principal);
        var reader = new JsonBodyReader(body, TeamProperties);
        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        await LockAsync(connection, tx, "team", id, ct).ConfigureAwait(false);
        var references = new DirectoryReferences(connection, tx, registry.Names, reader);
        var sets = new List<string>();
        var parameters = new DynamicParameters(new { id });
        if (reader.Has("name"))
        {
            var name = reader.Text("name", required: true, maxLength: 100);
            await RequireUniqueAsync(connection, tx, "team", name, id, ct).ConfigureAwait(false);
            parameters.Add("name", name);
            sets.Add("name = @name");
        }
        if (reader.Has("lead")) { parameters.Add("lead", await references.UserAsync("lead", reader.Text("lead")).ConfigureAwait(false)); sets.Add("lead_id = @lead"); }
        if (reader.Has("department"))
        {
            parameters.Add("department", await references.DepartmentAsync("department", reader.Text("department")).ConfigureAwait(false));
            sets.Add("department_id = @department");
        }
        reader.ThrowIfInvalid("The change to the team is not valid.");
        if (sets.Count > 0)
            await connection.ExecuteAsync(new CommandDefinition($"UPDATE {S}.team SET {string.Join(", ", sets)}, updated_at = now() WHERE id = @id",
                parameters, tx, cancellationToken: ct)).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
        return await GetTeamAsync(id, ct).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<Team>> ListTeamsAsync(CrmPrincipal principal, CancellationToken ct)
    {
        DirectoryAccess.RequireAdministrator(principal);
        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        return (await connection.QueryAsync<Team>(new CommandDefinition($"{SelectTeams} ORDER BY lower(t.name)", cancellationToken: ct)).ConfigureAwait(false)).AsList();
    }

    public async Task<Department> CreateDepartmentAsync(CrmPrincipal principal, JsonElement body, CancellationToken ct)
    {
        DirectoryAccess.RequireAdministrator(principal);
        var reader = new JsonBodyReader(body, DepartmentProperties);
        var name = reader.Text("name", required: true, maxLength: 100);
        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        var references = new DirectoryReferences(connection, tx, registry.Names, reader);
        var parent = await references.DepartmentAsync("parent", reader.Text("parent")).ConfigureAwait(false);
        var manager = await references.UserAsync("manager", reader.Text("manager")).ConfigureAwait(false);
        await RequireUniqueAsync(connection, tx, "department", name, null, ct).ConfigureAwait(false);
        reader.ThrowIfInvalid("The department is not valid.");
        var id = Guid.CreateVersion7();
        await connection.ExecuteAsync(new CommandDefinition(
            $"INSERT INTO {S}.department (id, name, parent_id, manager_id) VALUES (@id, @name, @parent, @manager)",
            new { id, name, parent, manager }, tx, cancellationToken: ct)).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
        return await GetDepartmentAsync(id, ct).ConfigureAwait(false);
    }

    /// <summary>Renames a department, changes its manager or moves it under another; a move into its own subtree is refused.</summary>
    public async Task<Department> UpdateDepartmentAsync(CrmPrincipal principal, Guid id, JsonElement body, CancellationToken ct)
    {
        DirectoryAccess.RequireAdministrator(principal);
        var reader = new JsonBodyReader(body, DepartmentProperties);
        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        // One tree change at a time, so two concurrent moves cannot close a cycle between them.
        await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_xact_lock(hashtext('nocodecrm.department_tree'))", transaction: tx, cancellationToken: ct)).ConfigureAwait(false);
        await LockAsync(connection, tx, "department", id, ct).ConfigureAwait(false);
        var references = new DirectoryReferences(connection, tx, registry.Names, reader);
        var sets = new List<string>();
        var parameters = new DynamicParameters(new { id });
        if (reader.Has("name"))
        {
            var name = reader.Text("name", required: true, maxLength: 100);
            await RequireUniqueAsync(connection, tx, "department", name, id, ct).ConfigureAwait(false);
            parameters.Add("name", name);
            sets.Add("name = @name");
        }
        if (reader.Has("manager")) { parameters.Add("manager", await references.UserAsync("manager", reader.Text("manager")).ConfigureAwait(false)); sets.Add("manager_id = @manager"); }
        if (reader.Has("parent"))
        {
            var parent = await references.DepartmentAsync("parent", reader.Text("parent")).ConfigureAwait(false);
            if (parent is { } p && await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
                    $"""
                     WITH RECURSIVE below AS (SELECT id FROM {S}.department WHERE id = @id
                                              UNION SELECT d.id FROM {S}.department d JOIN below b ON d.parent_id = b.id)
                     SELECT EXISTS (SELECT 1 FROM below WHERE id = @p)
                     """, new { id, p }, tx, cancellationToken: ct)).ConfigureAwait(false))
                reader.Error("parent", "cycle", "A department cannot be moved under itself or one of its own sub-departments.");
            parameters.Add("parent", parent);
            sets.Add("parent_id = @parent");
        }
        reader.ThrowIfInvalid("The change to the department is not valid.");
        if (sets.Count > 0)
            await connection.ExecuteAsync(new CommandDefinition($"UPDATE {S}.department SET {string.Join(", ", sets)}, updated_at = now() WHERE id = @id",
                parameters, tx, cancellationToken: ct)).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
        return await GetDepartmentAsync(id, ct).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<Department>> ListDepartmentsAsync(CrmPrincipal principal, CancellationToken ct)
    {
        DirectoryAccess.RequireAdministrator(principal);
        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        return (await connection.QueryAsync<Department>(new CommandDefinition($"{SelectDepartments} ORDER BY lower(d.name)", cancellationToken: ct)).ConfigureAwait(false)).AsList();
    }

    private async Task<Team> GetTeamAsync(Guid id, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        return await connection.QuerySingleAsync<Team>(new CommandDefinition($"{SelectTeams} WHERE t.id = @id", new { id }, cancellationToken: ct)).ConfigureAwait(false);
    }

    private async Task<Department> GetDepartmentAsync(Guid id, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        return await connection.QuerySingleAsync<Department>(new CommandDefinition($"{SelectDepartments} WHERE d.id = @id", new { id }, cancellationToken: ct)).ConfigureAwait(false);
    }

    private async Task LockAsync(NpgsqlConnection connection, NpgsqlTransaction tx, string table, Guid id, CancellationToken ct)
    {
        if (await connection.QueryFirstOrDefaultAsync<int?>(new CommandDefinition(
                $"SELECT 1 FROM {S}.{Sql.Quote(table)} WHERE id = @id FOR UPDATE", new { id }, tx, cancellationToken: ct)).ConfigureAwait(false) is null)
            throw CrmException.NotFound($"There is no {table} {id}.");
    }

    private async Task RequireUniqueAsync(NpgsqlConnection connection, NpgsqlTransaction tx, string table, string? name, Guid? except, CancellationToken ct)
    {
        if (name is null) return;
        if (await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
                $"SELECT EXISTS (SELECT 1 FROM {S}.{Sql.Quote(table)} WHERE lower(name) = lower(@name) AND id IS DISTINCT FROM @except)",
                new { name, except }, tx, cancellationToken: ct)).ConfigureAwait(false))
            throw new CrmException(CrmErrorKind.Conflict, "duplicateName", $"There is already a {table} named '{name}'.",
                [new CrmError("$.name", "duplicateName", "This name is taken.")]);
    }
}
