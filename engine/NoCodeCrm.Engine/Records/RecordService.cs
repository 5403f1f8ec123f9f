using System.Text.Json;
using Dapper;
using Npgsql;
using NoCodeCrm.Engine.Compiled;
using NoCodeCrm.Engine.Errors;
using NoCodeCrm.Engine.Metadata;
using NoCodeCrm.Engine.Schema;
using NoCodeCrm.Engine.Security;

namespace NoCodeCrm.Engine.Records;

/// <summary>
/// The record pipeline every write goes through (API, import and automation alike):
/// authorise → parse and validate → apply defaults → rules (default expressions → calculated fields → validation rules)
/// → check lookups → write → hooks → commit.
/// </summary>
public sealed class RecordService(NpgsqlDataSource dataSource, ModelRegistry registry, IRecordAccessPolicy access, IEnumerable<IRecordWriteHook> hooks,
    Rules.RuleEngine? rules = null)
{
    private readonly IRecordWriteHook[] _hooks = hooks.ToArray();
    private readonly Rules.RuleEngine _rules = rules ?? new Rules.RuleEngine();

    public static CompiledEntity Entity(CompiledModel model, string name) =>
        model.FindEntity(name) ?? throw CrmException.NotFound($"There is no entity named '{Shorten(name)}'.");

    public async Task<StoredRecord> CreateAsync(CrmPrincipal principal, string entityName, JsonElement body, CancellationToken ct, RecordWriteOptions? options = null)
    {
        var model = registry.Current;
        var entity = Entity(model, entityName);
        access.Authorize(principal, entity, RecordOperation.Create);
        var input = RecordInput.Parse(entity, body, create: true);
        CheckWritableFields(principal, entity, input);
        if (input.OwnerGiven && input.Owner != principal.UserId) access.Authorize(principal, entity, RecordOperation.Assign);

        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        // One INSERT with nothing to check or hook is atomic on its own; a transaction would only add a COMMIT round trip.
        var needsTransaction = _hooks.Any(h => h.AppliesTo(entity, options ?? RecordWriteOptions.Api)) || entity.Fields.Any(f => f.Type == FieldType.Lookup && input.Values.GetValueOrDefault(f.Name) is Guid);
        await using var tx = needsTransaction ? await connection.BeginTransactionAsync(ct).ConfigureAwait(false) : null;
        if (tx is not null) await CheckLookupsAsync(connection, tx, model, entity, input.Values, ct).ConfigureAwait(false);
        var id = input.Id ?? Guid.CreateVersion7();
        var owner = input.OwnerGiven ? input.Owner : principal.UserId;
        // Entities without rules skip this entirely (null): no candidate record, no engine rented.
        StoredRecord? ruled = null;
        if (_rules.EntityRulesFor(model, entity) is { } entityRules)
        {
            ruled = Rules.Pipeline.EntityRules.Candidate(entity, input, id, owner, principal);
            await entityRules.ApplyAsync(connection, tx, model, _rules.Pool, ruled, null, input, principal, ct).ConfigureAwait(false);
        }
        await using var command = new NpgsqlCommand(entity.InsertSql, connection, tx);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("owner", (object?)owner ?? DBNull.Value);
        command.Parameters.AddWithValue("user", principal.UserId);
        for (var i = 0; i < entity.WritableFields.Count; i++)
        {
            var field = entity.WritableFields[i];
            var value = ruled is not null ? ruled[field.Name] : input.Values.TryGetValue(field.Name, out var given) ? given : DefaultOf(field);
            command.Parameters.Add(Parameter($"p{i}", value));
        }
        var created = await ExecuteSingleAsync(command, entity, ct).ConfigureAwait(false);
        if (tx is not null)
        {
            await RunHooksAsync(new RecordChange(RecordOperation.Create, entity, principal, null, created, connection, tx, options ?? RecordWriteOptions.Api), ct).ConfigureAwait(false);
            await tx.CommitAsync(ct).ConfigureAwait(false);
        }
        return ForReader(principal, entity, created);
    }

    public async Task<StoredRecord> GetAsync(CrmPrincipal principal, string entityName, Guid id, CancellationToken ct)
    {
        var model = registry.Current;
        var entity = Entity(model, entityName);
        access.Authorize(principal, entity, RecordOperation.Read);
        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        var record = await ReadAsync(connection, null, entity.SelectByIdSql, entity, id, ct).ConfigureAwait(false);
        if (record is null || record.DeletedAt is not null || !await IsVisibleAsync(connection, principal, entity, id, RecordOperation.Read, ct).ConfigureAwait(false))
            throw CrmException.NotFound($"There is no {entity.Name} with id {id}.");
        return ForReader(principal, entity, record);
    }

    public async Task<StoredRecord> PatchAsync(CrmPrincipal principal, string entityName, Guid id, JsonElement body, int? expectedVersion, CancellationToken ct, RecordWriteOptions? options = null)
    {
        var model = registry.Current;
        var entity = Entity(model, entityName);
        access.Authorize(principal, entity, RecordOperation.Update);
        var input = RecordInput.Parse(entity, body, create: false);
        CheckWritableFields(principal, entity, input);

        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        // The row lock makes read-merge-write atomic: a concurrent writer waits, then sees the new version and gets 412.
        var previous = await LockAsync(connection, tx, principal, entity, id, expectedVersion, RecordOperation.Update, ct).ConfigureAwait(false);
        if (input.OwnerGiven && input.Owner != previous.Owner) await RequireAsync(connection, principal, entity, id, RecordOperation.Assign, ct).ConfigureAwait(false);
        await CheckLookupsAsync(connection, tx, model, entity, input.Values, ct).ConfigureAwait(false);
        StoredRecord? ruled = null;
        if (_rules.EntityRulesFor(model, entity) is { } entityRules)
        {
            ruled = Rules.Pipeline.EntityRules.Candidate(entity, input, previous, principal);
            await entityRules.ApplyAsync(connection, tx, model, _rules.Pool, ruled, previous, input, principal, ct).ConfigureAwait(false);
        }
        await using var command = new NpgsqlCommand(entity.UpdateSql, connection, tx);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("owner", (object?)(input.OwnerGiven ? input.Owner : previous.Owner) ?? DBNull.Value);
        command.Parameters.AddWithValue("user", principal.UserId);
        for (var i = 0; i < entity.WritableFields.Count; i++)
        {
            var field = entity.WritableFields[i];
            command.Parameters.Add(Parameter($"p{i}", ruled is not null ? ruled[field.Name] : input.Values.TryGetValue(field.Name, out var given) ? given : previous[field.Name]));
        }
        var updated = await ExecuteSingleAsync(command, entity, ct).ConfigureAwait(false);
        await RunHooksAsync(new RecordChange(RecordOperation.Update, entity, principal, previous, updated, connection, tx, options ?? RecordWriteOptions.Api), ct).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
        return ForReader(principal, entity, updated);
    }

    /// <summary>Soft-deletes a record, applying each referencing lookup's onDelete: restrict refuses, setNull clears, cascade deletes too.</summary>
    public async Task DeleteAsync(CrmPrincipal principal, string entityName, Guid id, int? expectedVersion, CancellationToken ct, RecordWriteOptions? options = null)
    {
        var model = registry.Current;
        var entity = Entity(model, entityName);
        access.Authorize(principal, entity, RecordOperation.Delete);
        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        var previous = await LockAsync(connection, tx, principal, entity, id, expectedVersion, RecordOperation.Delete, ct).ConfigureAwait(false);
        var deletedAt = await connection.ExecuteScalarAsync<DateTime>(new CommandDefinition("SELECT now()", transaction: tx, cancellationToken: ct)).ConfigureAwait(false);
        await SoftDeleteAsync(connection, tx, model, principal, entity, [id], deletedAt, depth: 0, ct).ConfigureAwait(false);
        await RunHooksAsync(new RecordChange(RecordOperation.Delete, entity, principal, previous, null, connection, tx, options ?? RecordWriteOptions.Api), ct).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
    }

    /// <summary>Brings a soft-deleted record back, with the records its deletion cascaded to.</summary>
    public async Task<StoredRecord> RestoreAsync(CrmPrincipal principal, string entityName, Guid id, CancellationToken ct, RecordWriteOptions? options = null)
    {
        var model = registry.Current;
        var entity = Entity(model, entityName);
        access.Authorize(principal, entity, RecordOperation.Update);
        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        var record = await ReadAsync(connection, tx, entity.LockByIdSql, entity, id, ct).ConfigureAwait(false);
        if (record is null || !await IsVisibleAsync(connection, principal, entity, id, RecordOperation.Read, ct).ConfigureAwait(false))
            throw CrmException.NotFound($"There is no {entity.Name} with id {id}.");
        await RequireAsync(connection, principal, entity, id, RecordOperation.Update, ct).ConfigureAwait(false);
        if (record.DeletedAt is not { } deletedAt)
            throw new CrmException(CrmErrorKind.Conflict, "notDeleted", $"The {entity.Name} {id} is not deleted.");
        try
        {
            await RestoreTreeAsync(connection, tx, model, principal, entity, [id], deletedAt, ct).ConfigureAwait(false);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            throw UniqueConflict(model, ex);
        }
        var restored = (await ReadAsync(connection, tx, entity.SelectByIdSql, entity, id, ct).ConfigureAwait(false))!;
        await RunHooksAsync(new RecordChange(RecordOperation.Update, entity, principal, record, restored, connection, tx, options ?? RecordWriteOptions.Api), ct).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
        return ForReader(principal, entity, restored);
    }

    internal static async Task SoftDeleteAsync(NpgsqlConnection connection, NpgsqlTransaction tx, CompiledModel model, CrmPrincipal principal,
        CompiledEntity entity, Guid[] ids, DateTime deletedAt, int depth, CancellationToken ct)
    {
        if (depth > 32) throw new CrmException(CrmErrorKind.Conflict, "cascadeTooDeep", "Deleting would cascade more than 32 levels deep.");
        foreach (var reference in entity.ReferencedBy)
        {
            var child = model.FindEntity(reference.Entity)!;
            var column = Sql.Quote(reference.Field);
            var live = $"{column} = ANY(@ids) AND \"deleted_at\" IS NULL";
            switch (reference.OnDelete)
            {
                case OnDeleteBehavior.Restrict:
                    var count = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                        $"SELECT count(*) FROM {child.Table} WHERE {live}", new { ids }, tx, cancellationToken: ct)).ConfigureAwait(false);
                    if (count > 0)
                        throw new CrmException(CrmErrorKind.Conflict, "referenced",
                            $"{count:N0} {child.Name} record(s) refer to this {entity.Name} through '{reference.Field}'; delete or reassign them first.");
                    break;
                case OnDeleteBehavior.SetNull:
                    await connection.ExecuteAsync(new CommandDefinition(
                        $"UPDATE {child.Table} SET {column} = NULL, \"version\" = \"version\" + 1, \"updated_at\" = now(), \"updated_by\" = @user WHERE {live}",
                        new { ids, user = principal.UserId }, tx, cancellationToken: ct)).ConfigureAwait(false);
                    break;
                case OnDeleteBehavior.Cascade:
                    var children = (await connection.QueryAsync<Guid>(new CommandDefinition(
                        $"SELECT \"id\" FROM {child.Table} WHERE {live} FOR UPDATE", new { ids }, tx, cancellationToken: ct)).ConfigureAwait(false)).ToArray();
                    if (children.Length > 0)
                        await SoftDeleteAsync(connection, tx, model, principal, child, children, deletedAt, depth + 1, ct).ConfigureAwait(false);
                    break;
            }
        }
        await connection.ExecuteAsync(new CommandDefinition(
            $"UPDATE {entity.Table} SET \"deleted_at\" = @deletedAt, \"version\" = \"version\" + 1, \"updated_at\" = now(), \"updated_by\" = @user WHERE \"id\" = ANY(@ids) AND \"deleted_at\" IS NULL",
            new { ids, deletedAt, user = principal.UserId }, tx, cancellationToken: ct)).ConfigureAwait(false);
    }

    private static async Task RestoreTreeAsync(NpgsqlConnection connection, NpgsqlTransaction tx, CompiledModel model, CrmPrincipal principal,
        CompiledEntity entity, Guid[] ids, DateTime deletedAt, CancellationToken ct)
    {
        await connection.ExecuteAsync(new CommandDefinition(
            $"UPDATE {entity.Table} SET \"deleted_at\" = NULL, \"version\" = \"version\" + 1, \"updated_at\" = now(), \"updated_by\" = @user WHERE \"id\" = ANY(@ids) AND \"deleted_at\" = @deletedAt",
            new { ids, deletedAt, user = principal.UserId }, tx, cancellationToken: ct)).ConfigureAwait(false);
        foreach (var reference in entity.ReferencedBy.Where(r => r.OnDelete == OnDeleteBehavior.Cascade))
        {
            var child = model.FindEntity(reference.Entity)!;
            // Children deleted in the same cascade carry the same deleted_at; ones deleted on their own stay deleted.
            var children = (await connection.QueryAsync<Guid>(new CommandDefinition(
                $"SELECT \"id\" FROM {child.Table} WHERE {Sql.Quote(reference.Field)} = ANY(@ids) AND \"deleted_at\" = @deletedAt",
                new { ids, deletedAt }, tx, cancellationToken: ct)).ConfigureAwait(false)).ToArray();
            if (children.Length > 0) await RestoreTreeAsync(connection, tx, model, principal, child, children, deletedAt, ct).ConfigureAwait(false);
        }
    }

    private async Task<StoredRecord> LockAsync(NpgsqlConnection connection, NpgsqlTransaction tx, CrmPrincipal principal, CompiledEntity entity,
        Guid id, int? expectedVersion, RecordOperation operation, CancellationToken ct)
    {
        var record = await ReadAsync(connection, tx, entity.LockByIdSql, entity, id, ct).ConfigureAwait(false);
        if (record is null || record.DeletedAt is not null || !await IsVisibleAsync(connection, principal, entity, id, RecordOperation.Read, ct).ConfigureAwait(false))
            throw CrmException.NotFound($"There is no {entity.Name} with id {id}.");
        await RequireAsync(connection, principal, entity, id, operation, ct).ConfigureAwait(false);
        if (expectedVersion is { } expected && expected != record.Version)
            throw new CrmException(CrmErrorKind.PreconditionFailed, "staleVersion",
                $"The {entity.Name} was changed by someone else (version {record.Version}, you had {expected}). Reload it and apply your change again.");
        return record;
    }

    /// <summary>Sensitive fields the principal may not update (hidden or read-only to them) are refused, each at its path.</summary>
    private void CheckWritableFields(CrmPrincipal principal, CompiledEntity entity, RecordInput input)
    {
        var hidden = access.HiddenFields(principal, entity);
        var readOnly = access.ReadOnlyFields(principal, entity);
        if (hidden.Count == 0 && readOnly.Count == 0) return;
        var errors = input.Values.Keys.Where(k => hidden.Contains(k) || readOnly.Contains(k)).Order(StringComparer.Ordinal)
            .Select(k => new CrmError("$." + k, "fieldReadOnly", $"You may not change '{k}'.")).ToList();
        if (errors.Count > 0) throw new CrmException(CrmErrorKind.Forbidden, "fieldReadOnly", $"You may not change some fields of {entity.Name}.", errors);
    }

    private StoredRecord ForReader(CrmPrincipal principal, CompiledEntity entity, StoredRecord record)
    {
        var hidden = access.HiddenFields(principal, entity);
        if (hidden.Count > 0) record.Hidden = hidden;
        return record;
    }

    /// <summary>A record the principal may see but not change this way is a 403; one they may not see was a 404 before this.</summary>
    private async Task RequireAsync(NpgsqlConnection connection, CrmPrincipal principal, CompiledEntity entity, Guid id, RecordOperation operation, CancellationToken ct)
    {
        access.Authorize(principal, entity, operation);
        if (!await IsVisibleAsync(connection, principal, entity, id, operation, ct).ConfigureAwait(false))
            throw new CrmException(CrmErrorKind.Forbidden, "forbidden", $"You may not {operation.ToString().ToLowerInvariant()} this {entity.Name}.");
    }

    private Task<bool> IsVisibleAsync(NpgsqlConnection connection, CrmPrincipal principal, CompiledEntity entity, Guid id, RecordOperation operation, CancellationToken ct) =>
        RecordVisibility.CoversAsync(access, registry.Current, connection, principal, entity, id, operation, ct);

    private static async Task<StoredRecord?> ReadAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, string sql, CompiledEntity entity, Guid id, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection, tx);
        command.Parameters.AddWithValue("id", id);
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        return await reader.ReadAsync(ct).ConfigureAwait(false) ? RecordReader.Read(reader, entity) : null;
    }

    private async Task<StoredRecord> ExecuteSingleAsync(NpgsqlCommand command, CompiledEntity entity, CancellationToken ct)
    {
        try
        {
            await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            await reader.ReadAsync(ct).ConfigureAwait(false);
            return RecordReader.Read(reader, entity);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            throw UniqueConflict(registry.Current, ex);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.ForeignKeyViolation)
        {
            throw new CrmException(CrmErrorKind.Conflict, "referenceMissing", "A looked-up record no longer exists.");
        }
    }

    private static CrmException UniqueConflict(CompiledModel model, PostgresException ex)
    {
        foreach (var entity in model.Entities.Values)
            foreach (var field in entity.Fields)
                if (SchemaNames.IndexName("ux", entity.Name, field.Name) == ex.ConstraintName)
                    return new CrmException(CrmErrorKind.Conflict, "duplicateValue", $"Another {entity.Name} already has this {field.Name}.",
                        [new CrmError("$." + field.Name, "duplicateValue", $"'{field.Name}' must be unique; another {entity.Name} already has this value.")]);
        if (ex.ConstraintName?.EndsWith("_pkey", StringComparison.Ordinal) == true)
            return new CrmException(CrmErrorKind.Conflict, "duplicateId", "A record with this id already exists.", [new CrmError("$.id", "duplicateValue", "The id is taken.")]);
        return new CrmException(CrmErrorKind.Conflict, "duplicateValue", "A unique value is already taken.");
    }

    private static async Task CheckLookupsAsync(NpgsqlConnection connection, NpgsqlTransaction tx, CompiledModel model, CompiledEntity entity,
        Dictionary<string, object?> values, CancellationToken ct)
    {
        List<CrmError>? errors = null;
        foreach (var group in entity.Fields.Where(f => f.Type == FieldType.Lookup && values.GetValueOrDefault(f.Name) is Guid)
                     .GroupBy(f => f.Definition.Target!))
        {
            var target = model.FindEntity(group.Key);
            var ids = group.Select(f => (Guid)values[f.Name]!).Distinct().ToArray();
            var found = target is null ? [] : (await connection.QueryAsync<Guid>(new CommandDefinition(
                $"SELECT \"id\" FROM {target.Table} WHERE \"id\" = ANY(@ids) AND \"deleted_at\" IS NULL FOR KEY SHARE", new { ids }, tx, cancellationToken: ct)).ConfigureAwait(false)).ToHashSet();
            foreach (var field in group)
                if (!found.Contains((Guid)values[field.Name]!))
                    (errors ??= []).Add(new CrmError("$." + field.Name, "lookupNotFound", $"There is no {group.Key} with id {values[field.Name]}."));
        }
        if (errors is not null) throw CrmException.Invalid($"The {entity.Name} record is not valid.", errors);
    }

    private async Task RunHooksAsync(RecordChange change, CancellationToken ct)
    {
        foreach (var hook in _hooks)
            if (hook.AppliesTo(change.Entity, change.Options)) await hook.AfterWriteAsync(change, ct).ConfigureAwait(false);
    }

    private static object? DefaultOf(CompiledField field) =>
        field.Definition.Default is { ValueKind: not JsonValueKind.Null } value ? field.Handler.Read(value, field.Definition).Value : null;

    internal static NpgsqlParameter Parameter(string name, object? value) => new(name, value ?? DBNull.Value);

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..77] + "...";
}
