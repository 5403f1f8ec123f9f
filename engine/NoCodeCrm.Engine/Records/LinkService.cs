using System.Text.Json;
using Dapper;
using Npgsql;
using NoCodeCrm.Engine.Compiled;
using NoCodeCrm.Engine.Errors;
using NoCodeCrm.Engine.Fields;
using NoCodeCrm.Engine.Metadata;
using NoCodeCrm.Engine.Schema;
using NoCodeCrm.Engine.Security;

namespace NoCodeCrm.Engine.Records;

/// <summary>Links of many-to-many relations, seen from either side, with the fields the link carries (e.g. a person's role in a company).</summary>
/// <remarks>Links do not go through the record pipeline's hooks; link changes are audited here, in their own transaction.</remarks>
public sealed class LinkService(NpgsqlDataSource dataSource, ModelRegistry registry, IRecordAccessPolicy access, Audit.AuditLog? audit = null)
{
    public async Task<IReadOnlyList<Dictionary<string, object?>>> ListAsync(CrmPrincipal principal, string entityName, Guid id, string relationName, CancellationToken ct)
    {
        var (model, entity, relation, own, other) = Resolve(entityName, relationName);
        access.Authorize(principal, entity, RecordOperation.Read);
        var fields = LiveFields(relation);
        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        await EnsureRecordAsync(connection, null, entity, id, ct).ConfigureAwait(false);
        var otherEntity = model.FindEntity(OtherEntity(relation, entityName))!;
        var columns = string.Join("", fields.Select(f => ", l." + Sql.Quote(f.Name)));
        await using var command = new NpgsqlCommand(
            $"SELECT l.\"id\", l.{other}, l.\"created_at\"{columns} FROM {model.Names.Table(relation.Name)} l " +
            $"JOIN {otherEntity.Table} o ON o.\"id\" = l.{other} AND o.\"deleted_at\" IS NULL WHERE l.{own} = @id ORDER BY l.\"created_at\", l.\"id\"", connection);
        command.Parameters.AddWithValue("id", id);
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        var links = new List<Dictionary<string, object?>>();
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            var link = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["id"] = reader.GetGuid(0),
                [otherEntity.Name == entityName ? "linked" : otherEntity.Name] = reader.GetGuid(1),
                ["created_at"] = reader.GetDateTime(2),
            };
            for (var i = 0; i < fields.Count; i++)
                link[fields[i].Name] = reader.IsDBNull(3 + i) ? null
                    : fields[i].Type == FieldType.Date ? reader.GetFieldValue<DateOnly>(3 + i) : reader.GetValue(3 + i);
            links.Add(link);
        }
        return links;
    }

    /// <summary>Links the record to another; the body is <c>{"id": "&lt;other record&gt;", …link fields}</c>. Linking twice updates the link's fields.</summary>
    public async Task<Guid> LinkAsync(CrmPrincipal principal, string entityName, Guid id, string relationName, JsonElement body, CancellationToken ct)
    {
        var (model, entity, relation, own, other) = Resolve(entityName, relationName);
        access.Authorize(principal, entity, RecordOperation.Update);
        if (body.ValueKind != JsonValueKind.Object) throw new CrmException(CrmErrorKind.BadRequest, "invalidBody", "The body must be a JSON object.", [new CrmError("$", "invalidBody", "Expected a JSON object.")]);
        var fields = LiveFields(relation);
        var errors = new List<CrmError>();
        Guid? otherId = null;
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var property in body.EnumerateObject())
        {
            var path = "$." + property.Name;
            if (property.Name == "id")
            {
                if (property.Value.ValueKind == JsonValueKind.String && Guid.TryParseExact(property.Value.GetString(), "D", out var g)) otherId = g;
                else errors.Add(new CrmError(path, "invalidValue", "Expected the id (uuid) of the record to link."));
                continue;
            }
            var field = fields.FirstOrDefault(f => f.Name == property.Name);
            if (field is null) { errors.Add(new CrmError(path, "unknownField", $"The link '{relation.Name}' has no field '{property.Name}'.")); continue; }
            if (property.Value.ValueKind == JsonValueKind.Null)
            {
                if (field.Required) errors.Add(new CrmError(path, "required", $"'{field.Name}' is required."));
                values[field.Name] = null;
                continue;
            }
            var read = FieldTypes.Get(field.Type).Read(property.Value, field);
            if (read.IsValid) values[field.Name] = read.Value;
            else errors.Add(new CrmError(path, "invalidValue", read.Error!));
        }
        if (otherId is null && !errors.Any(e => e.Path == "$.id")) errors.Add(new CrmError("$.id", "required", "Give the id of the record to link."));
        foreach (var field in fields.Where(f => f.Required && !values.ContainsKey(f.Name) && f.Default is null))
            errors.Add(new CrmError("$." + field.Name, "required", $"'{field.Name}' is required."));
        if (errors.Count > 0) throw CrmException.Invalid("The link is not valid.", errors);

        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        await EnsureRecordAsync(connection, tx, entity, id, ct).ConfigureAwait(false);
        var otherEntity = model.FindEntity(OtherEntity(relation, entityName))!;
        if (!await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
                $"SELECT EXISTS (SELECT 1 FROM {otherEntity.Table} WHERE \"id\" = @id AND \"deleted_at\" IS NULL FOR KEY SHARE)", new { id = otherId }, tx, cancellationToken: ct)).ConfigureAwait(false))
            throw CrmException.Invalid("The link is not valid.", [new CrmError("$.id", "lookupNotFound", $"There is no {otherEntity.Name} with id {otherId}.")]);

        var names = fields.Select(f => Sql.Quote(f.Name)).ToArray();
        var sql = $"INSERT INTO {model.Names.Table(relation.Name)} ({own}, {other}, \"created_by\", \"updated_by\"{string.Concat(names.Select(n => ", " + n))}) " +
                  $"VALUES (@own, @other, @user, @user{string.Concat(fields.Select((_, i) => $", @p{i}"))}) " +
                  $"ON CONFLICT (\"source_id\", \"target_id\") DO UPDATE SET \"version\" = EXCLUDED.\"version\" + 1, \"updated_at\" = now(), \"updated_by\" = @user" +
                  string.Concat(names.Select(n => $", {n} = EXCLUDED.{n}")) + " RETURNING \"id\"";
        await using var command = new NpgsqlCommand(sql, connection, tx);
        command.Parameters.AddWithValue("own", id);
        command.Parameters.AddWithValue("other", otherId!.Value);
        command.Parameters.AddWithValue("user", principal.UserId);
        for (var i = 0; i < fields.Count; i++)
        {
            var value = values.TryGetValue(fields[i].Name, out var given) ? given
                : fields[i].Default is { ValueKind: not JsonValueKind.Null } d ? FieldTypes.Get(fields[i].Type).Read(d, fields[i]).Value : null;
            command.Parameters.Add(RecordService.Parameter($"p{i}", value));
        }
        var linkId = (Guid)(await command.ExecuteScalarAsync(ct).ConfigureAwait(false))!;
        if (audit is not null)
            await audit.RecordLinkAsync(connection, tx, Audit.AuditOperation.Link, principal, entityName, id, relation.Name, otherId.Value, ct).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
        return linkId;
    }

    public async Task UnlinkAsync(CrmPrincipal principal, string entityName, Guid id, string relationName, Guid otherId, CancellationToken ct)
    {
        var (model, entity, relation, own, other) = Resolve(entityName, relationName);
        access.Authorize(principal, entity, RecordOperation.Update);
        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var tx = audit is null ? null : await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        var deleted = await connection.ExecuteAsync(new CommandDefinition(
            $"DELETE FROM {model.Names.Table(relation.Name)} WHERE {own} = @id AND {other} = @otherId", new { id, otherId }, tx, cancellationToken: ct)).ConfigureAwait(false);
        if (deleted == 0) throw CrmException.NotFound($"The {entity.Name} {id} is not linked to {otherId} through '{relation.Name}'.");
        if (audit is not null && tx is not null)
        {
            await audit.RecordLinkAsync(connection, tx, Audit.AuditOperation.Unlink, principal, entityName, id, relation.Name, otherId, ct).ConfigureAwait(false);
            await tx.CommitAsync(ct).ConfigureAwait(false);
        }
    }

    private (CompiledModel Model, CompiledEntity Entity, RelationDefinition Relation, string Own, string Other) Resolve(string entityName, string relationName)
    {
        var model = registry.Current;
        var entity = RecordService.Entity(model, entityName);
        if (!model.Relations.TryGetValue(relationName, out var relation) || (relation.From != entityName && relation.To != entityName))
            throw CrmException.NotFound($"'{entityName}' has no many-to-many relation '{relationName}'.");
        return relation.From == entityName
            ? (model, entity, relation, "\"source_id\"", "\"target_id\"")
            : (model, entity, relation, "\"target_id\"", "\"source_id\"");
    }

    private static string OtherEntity(RelationDefinition relation, string entityName) => relation.From == entityName ? relation.To : relation.From;

    private static List<FieldDefinition> LiveFields(RelationDefinition relation) => relation.Fields.Where(f => !f.Retired).ToList();

    private static async Task EnsureRecordAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, CompiledEntity entity, Guid id, CancellationToken ct)
    {
        if (!await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
                $"SELECT EXISTS (SELECT 1 FROM {entity.Table} WHERE \"id\" = @id AND \"deleted_at\" IS NULL)", new { id }, tx, cancellationToken: ct)).ConfigureAwait(false))
            throw CrmException.NotFound($"There is no {entity.Name} with id {id}.");
    }
}
