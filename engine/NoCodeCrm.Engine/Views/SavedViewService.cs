using System.Text.Json;
using Dapper;
using Npgsql;
using NpgsqlTypes;
using NoCodeCrm.Engine.Compiled;
using NoCodeCrm.Engine.Errors;
using NoCodeCrm.Engine.Json;
using NoCodeCrm.Engine.Query;
using NoCodeCrm.Engine.Records;
using NoCodeCrm.Engine.Schema;
using NoCodeCrm.Engine.Security;

namespace NoCodeCrm.Engine.Views;

/// <summary>
/// Saved list views kept on the server, so they follow their user to any browser and can be shared with the owner's teams or
/// everyone. A view's query is run once when it is saved (by its owner, one row), so a filter the model or the owner's rights
/// do not allow is refused with the same problem the list would give.
/// </summary>
public sealed class SavedViewService(NpgsqlDataSource dataSource, ModelRegistry registry, RecordQueryService query)
{
    public const int MaxConditionsLength = 16 * 1024;
    public const int MaxQueryLength = 4000;

    private static readonly string[] Properties = ["name", "sharing", "filter", "orderBy", "search", "conditions"];

    private string S => Sql.Quote(registry.Names.SystemSchema);

    private string Select => $"""
        SELECT v.id, v.entity, v.name, v.owner, u.username AS OwnerName, v.sharing, v.filter, v.order_by AS OrderBy, v.search,
               v.conditions::text AS ConditionsText, v.created_at AS CreatedAt, v.updated_at AS UpdatedAt
        FROM {S}.saved_view v LEFT JOIN {S}.app_user u ON u.id = v.owner
        """;

    /// <summary>The reader's own views of the entity, then those shared with them (by a teammate, or with everyone), by name.</summary>
    public async Task<IReadOnlyList<SavedView>> ListAsync(CrmPrincipal principal, string entityName, CancellationToken ct)
    {
        var entity = RecordService.Entity(registry.Current, entityName);
        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            $"""
             {Select}
             WHERE v.entity = @entity AND (v.owner = @user OR v.sharing = 'everyone'
                 OR (v.sharing = 'team' AND u.team_id = ANY(@teams)))
             ORDER BY v.owner <> @user, lower(v.name), v.id
             """, new { entity = entity.Name, user = principal.UserId, teams = principal.Teams.ToArray() }, cancellationToken: ct)).ConfigureAwait(false);
        return rows.Select(r => r.ToView(principal)).ToList();
    }

    public async Task<SavedView> CreateAsync(CrmPrincipal principal, string entityName, JsonElement body, CancellationToken ct)
    {
        var entity = RecordService.Entity(registry.Current, entityName);
        var view = await ReadAsync(principal, entity, body, ct).ConfigureAwait(false);
        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        var id = Guid.CreateVersion7();
        await SaveAsync(connection, $"""
             INSERT INTO {S}.saved_view (id, entity, name, owner, sharing, filter, order_by, search, conditions)
             VALUES (@id, @entity, @name, @owner, @sharing, @filter, @orderBy, @search, @conditions)
             """, id, entity, principal.UserId, view, ct).ConfigureAwait(false);
        return await GetAsync(connection, principal, id, ct).ConfigureAwait(false);
    }

    /// <summary>Replaces the view's name, sharing and query; only its owner or an administrator may.</summary>
    public async Task<SavedView> UpdateAsync(CrmPrincipal principal, string entityName, Guid id, JsonElement body, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        var current = await GetAsync(connection, principal, id, ct, entityName).ConfigureAwait(false);
        if (!current.Mine) throw new CrmException(CrmErrorKind.Forbidden, "forbidden", "Only the view's owner may change it.");
        var entity = RecordService.Entity(registry.Current, current.Entity);
        var view = await ReadAsync(principal, entity, body, ct).ConfigureAwait(false);
        await SaveAsync(connection, $"""
             UPDATE {S}.saved_view SET name = @name, sharing = @sharing, filter = @filter, order_by = @orderBy, search = @search,
                 conditions = @conditions, updated_at = now()
             WHERE id = @id
             """, id, entity, current.Owner, view, ct).ConfigureAwait(false);
        return await GetAsync(connection, principal, id, ct).ConfigureAwait(false);
    }

    public async Task DeleteAsync(CrmPrincipal principal, string entityName, Guid id, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        var current = await GetAsync(connection, principal, id, ct, entityName).ConfigureAwait(false);
        if (!current.Mine) throw new CrmException(CrmErrorKind.Forbidden, "forbidden", "Only the view's owner may delete it.");
        await connection.ExecuteAsync(new CommandDefinition($"DELETE FROM {S}.saved_view WHERE id = @id", new { id }, cancellationToken: ct)).ConfigureAwait(false);
    }

    /// <summary>A view the reader may see (of that entity, when one is named); any other id answers like a missing one.</summary>
    private async Task<SavedView> GetAsync(NpgsqlConnection connection, CrmPrincipal principal, Guid id, CancellationToken ct, string? entityName = null)
    {
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            $"""
             {Select}
             WHERE v.id = @id AND (v.owner = @user OR @admin OR v.sharing = 'everyone' OR (v.sharing = 'team' AND u.team_id = ANY(@teams)))
             """, new { id, user = principal.UserId, admin = principal.IsAdministrator, teams = principal.Teams.ToArray() }, cancellationToken: ct))
            .ConfigureAwait(false);
        return row is not null && (entityName is null || row.Entity == entityName)
            ? row.ToView(principal) : throw CrmException.NotFound($"There is no saved view {id}.");
    }

    private async Task<Input> ReadAsync(CrmPrincipal principal, CompiledEntity entity, JsonElement body, CancellationToken ct)
    {
        var reader = new JsonBodyReader(body, Properties);
        var name = reader.Text("name", required: true, maxLength: 100);
        if (name is not null && name.Trim().Length == 0) reader.Error("name", "required", "A view needs a name.");
        var sharing = reader.Text("sharing") ?? SavedViewSharing.Private;
        if (!SavedViewSharing.All.Contains(sharing)) reader.Error("sharing", "invalidValue", "Expected private, team or everyone.");
        var filter = reader.Text("filter", maxLength: MaxQueryLength);
        var orderBy = reader.Text("orderBy", maxLength: MaxQueryLength);
        var search = reader.Text("search", maxLength: 200);
        string? conditions = null;
        if (body.ValueKind == JsonValueKind.Object && body.TryGetProperty("conditions", out var c) && c.ValueKind != JsonValueKind.Null)
        {
            conditions = c.GetRawText();
            if (c.ValueKind != JsonValueKind.Array) reader.Error("conditions", "invalidType", "Expected an array.");
            else if (conditions.Length > MaxConditionsLength) reader.Error("conditions", "tooLong", $"At most {MaxConditionsLength} characters of JSON.");
        }
        reader.ThrowIfInvalid("The view is not valid.");

        // The list the view stands for, asked once: a bad filter, sort or search gets the list's own problem, under the view's property.
        try
        {
            var options = RecordQueryOptions.FromParameters(filter, orderBy, "1", null, null, null, null, search, null);
            await query.QueryAsync(principal, entity.Name, options, ct).ConfigureAwait(false);
        }
        catch (QuerySyntaxException ex)
        {
            throw new CrmException(CrmErrorKind.BadRequest, "invalidQuery", ex.Message, [new CrmError(Rename(ex.Parameter), "invalidQuery", ex.Message)]);
        }
        catch (CrmException ex) when (ex.Errors.Count > 0)
        {
            throw new CrmException(ex.Kind, ex.Code, ex.Message, ex.Errors.Select(e => e with { Path = Rename(e.Path) }).ToList(), ex.Details);
        }
        return new Input(name!.Trim(), sharing, Blank(filter), Blank(orderBy), Blank(search), conditions);
    }

    private static string Rename(string path) => path switch
    {
        "$filter" => "$.filter",
        "$orderby" => "$.orderBy",
        "$search" => "$.search",
        _ => path,
    };

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static async Task SaveAsync(NpgsqlConnection connection, string sql, Guid id, CompiledEntity entity, Guid owner, Input view, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("entity", entity.Name);
        command.Parameters.AddWithValue("owner", owner);
        command.Parameters.AddWithValue("name", view.Name);
        command.Parameters.AddWithValue("sharing", view.Sharing);
        command.Parameters.Add(new NpgsqlParameter("filter", NpgsqlDbType.Text) { Value = (object?)view.Filter ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("orderBy", NpgsqlDbType.Text) { Value = (object?)view.OrderBy ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("search", NpgsqlDbType.Text) { Value = (object?)view.Search ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("conditions", NpgsqlDbType.Jsonb) { Value = (object?)view.Conditions ?? DBNull.Value });
        try
        {
            await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            throw new CrmException(CrmErrorKind.Conflict, "duplicateName", $"You already have a view of {entity.Name} named '{view.Name}'.",
                [new CrmError("$.name", "duplicateName", $"You already have a view named '{view.Name}'.")]);
        }
    }

    private sealed record Input(string Name, string Sharing, string? Filter, string? OrderBy, string? Search, string? Conditions);

    private sealed record Row
    {
        public Guid Id { get; init; }
        public string Entity { get; init; } = "";
        public string Name { get; init; } = "";
        public Guid Owner { get; init; }
        public string? OwnerName { get; init; }
        public string Sharing { get; init; } = "";
        public string? Filter { get; init; }
        public string? OrderBy { get; init; }
        public string? Search { get; init; }
        public string? ConditionsText { get; init; }
        public DateTime CreatedAt { get; init; }
        public DateTime UpdatedAt { get; init; }

        public SavedView ToView(CrmPrincipal reader) => new()
        {
            Id = Id, Entity = Entity, Name = Name, Owner = Owner, OwnerName = OwnerName, Sharing = Sharing, Filter = Filter, OrderBy = OrderBy,
            Search = Search, Conditions = ConditionsText is null ? null : JsonDocument.Parse(ConditionsText).RootElement.Clone(),
            Mine = Owner == reader.UserId || reader.IsAdministrator,
            CreatedAt = DateTime.SpecifyKind(CreatedAt, DateTimeKind.Utc), UpdatedAt = DateTime.SpecifyKind(UpdatedAt, DateTimeKind.Utc),
        };
    }
}
