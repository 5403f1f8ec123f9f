using Dapper;
using Npgsql;
using NoCodeCrm.Engine.Json;
using NoCodeCrm.Engine.Schema;

namespace NoCodeCrm.Engine.Security.Directory;

/// <summary>Resolves the users, teams and departments a request names, by id or by name, reporting unknown ones at their JSON path.</summary>
internal sealed class DirectoryReferences(NpgsqlConnection connection, NpgsqlTransaction? tx, SchemaNames names, JsonBodyReader reader)
{
    private string S => Sql.Quote(names.SystemSchema);

    public Task<Guid?> UserAsync(string property, string? reference) =>
        ResolveAsync(property, reference, $"SELECT id FROM {S}.app_user WHERE id = @id OR lower(username) = lower(@name)", "user");

    public Task<Guid?> TeamAsync(string property, string? reference) =>
        ResolveAsync(property, reference, $"SELECT id FROM {S}.team WHERE id = @id OR lower(name) = lower(@name)", "team");

    public Task<Guid?> DepartmentAsync(string property, string? reference) =>
        ResolveAsync(property, reference, $"SELECT id FROM {S}.department WHERE id = @id OR lower(name) = lower(@name)", "department");

    private async Task<Guid?> ResolveAsync(string property, string? reference, string sql, string kind)
    {
        if (reference is null) return null;
        var id = Guid.TryParse(reference, out var parsed) ? parsed : Guid.Empty;
        var found = await connection.QueryFirstOrDefaultAsync<Guid?>(sql, new { id, name = reference }, tx).ConfigureAwait(false);
        if (found is null) reader.Error(property, "unknown" + char.ToUpperInvariant(kind[0]) + kind[1..], $"There is no {kind} '{reference}'.");
        return found;
    }
}
