using Npgsql;
using NoCodeCrm.Engine.Compiled;
using NoCodeCrm.Engine.Errors;
using NoCodeCrm.Engine.Metadata;
using NoCodeCrm.Engine.Records;
using NoCodeCrm.Engine.Security;

namespace NoCodeCrm.Engine.Query;

/// <summary>Lists records with filter, sort, paging, count, search and expand; the access policy's row filter is always added here.</summary>
public sealed class RecordQueryService(NpgsqlDataSource dataSource, ModelRegistry registry, IRecordAccessPolicy access)
{
    public const int MaxExpand = 8;

    /// <summary>A page of records; <paramref name="operation"/> is the right the rows must fall under (read, or export for exports).</summary>
    public async Task<RecordPage> QueryAsync(CrmPrincipal principal, string entityName, RecordQueryOptions options, CancellationToken ct,
        RecordOperation operation = RecordOperation.Read)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        return await QueryAsync(connection, registry.Current, principal, entityName, options, operation, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Every page of a query, read from one snapshot (a repeatable-read, read-only transaction), so records written meanwhile neither
    /// shift a page (a record twice or never) nor change a count. The first page carries the count; <paramref name="onPage"/> returns
    /// false to stop, and may throw to refuse the whole read.
    /// </summary>
    public async Task ReadSnapshotAsync(CrmPrincipal principal, string entityName, RecordQueryOptions options, RecordOperation operation,
        Func<RecordPage, bool> onPage, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(onPage);
        var model = registry.Current;
        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct).ConfigureAwait(false);
        await using (var readOnly = new NpgsqlCommand("SET TRANSACTION READ ONLY", connection, tx)) await readOnly.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        var page = await QueryAsync(connection, model, principal, entityName, options with { Count = true }, operation, ct).ConfigureAwait(false);
        for (var skip = options.Skip; onPage(page) && page.Records.Count == options.Top; )
        {
            skip += page.Records.Count;
            page = await QueryAsync(connection, model, principal, entityName, options with { Skip = skip, Count = false }, operation, ct).ConfigureAwait(false);
        }
        await tx.CommitAsync(ct).ConfigureAwait(false);
    }

    private async Task<RecordPage> QueryAsync(NpgsqlConnection connection, CompiledModel model, CrmPrincipal principal, string entityName,
        RecordQueryOptions options, RecordOperation operation, CancellationToken ct)
    {
        var entity = RecordService.Entity(model, entityName);
        access.Authorize(principal, entity, operation);
        var hidden = access.HiddenFields(principal, entity);
        var select = ValidateSelect(entity, options.Select, hidden);

        var builder = new SqlQueryBuilder(model, entity) { HiddenFields = e => access.HiddenFields(principal, e) };
        var conditions = new List<string> { options.IncludeDeleted ? "true" : "t0.\"deleted_at\" IS NULL" };
        if (access.RowFilter(principal, entity, operation, builder.AddParameter) is { } rows) conditions.Add($"({rows})");
        if (options.Filter is not null) conditions.Add(builder.Where(options.Filter));
        if (options.Search is not null) conditions.Add(builder.Search(options.Search));
        var orderBy = builder.OrderBy(options.OrderBy);
        var where = string.Join(" AND ", conditions);
        var from = $"{entity.Table} t0{builder.Joins}";

        List<StoredRecord> records;
        await using (var command = new NpgsqlCommand($"SELECT {entity.SelectList} FROM {from} WHERE {where} ORDER BY {orderBy} LIMIT @top OFFSET @skip", connection))
        {
            foreach (var p in builder.Parameters) command.Parameters.Add(p.Clone());
            command.Parameters.AddWithValue("top", options.Top);
            command.Parameters.AddWithValue("skip", options.Skip);
            await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            records = await RecordReader.ReadAllAsync(reader, entity, ct).ConfigureAwait(false);
        }
        if (hidden.Count > 0) foreach (var record in records) record.Hidden = hidden;
        long? count = null;
        if (options.Count)
        {
            await using var command = new NpgsqlCommand($"SELECT count(*) FROM {from} WHERE {where}", connection);
            foreach (var p in builder.Parameters) command.Parameters.Add(p.Clone());
            count = (long)(await command.ExecuteScalarAsync(ct).ConfigureAwait(false))!;
        }
        if (options.Expand.Count > 0) await ExpandAsync(connection, model, principal, entity, records, options.Expand, ct).ConfigureAwait(false);
        return new RecordPage(records, count, select);
    }

    public async Task ExpandAsync(CrmPrincipal principal, CompiledEntity entity, IReadOnlyList<StoredRecord> records, IReadOnlyList<string> expand, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        await ExpandAsync(connection, registry.Current, principal, entity, records, expand, ct).ConfigureAwait(false);
    }

    /// <summary>One query per expanded lookup for the whole page (never one per record).</summary>
    private async Task ExpandAsync(NpgsqlConnection connection, CompiledModel model, CrmPrincipal principal, CompiledEntity entity,
        IReadOnlyList<StoredRecord> records, IReadOnlyList<string> expand, CancellationToken ct)
    {
        if (expand.Count > MaxExpand) throw Bad("$expand", $"At most {MaxExpand} lookups can be expanded.");
        foreach (var name in expand.Distinct(StringComparer.Ordinal))
        {
            var field = entity.FindField(name);
            if (field is null || field.Type != FieldType.Lookup)
                throw Bad("$expand", $"'{name}' is not a lookup field of '{entity.Name}'.");
            if (access.HiddenFields(principal, entity).Contains(name)) throw Hidden("$expand", entity, name);
            var target = model.FindEntity(field.Definition.Target!) ?? throw Bad("$expand", $"'{name}' points at a retired entity.");
            access.Authorize(principal, target, RecordOperation.Read);
            var ids = records.Select(r => r[name]).OfType<Guid>().Distinct().ToArray();
            var found = new Dictionary<Guid, StoredRecord>();
            if (ids.Length > 0)
            {
                var builder = new SqlQueryBuilder(model, target);
                var conditions = new List<string> { "t0.\"id\" = ANY(@ids)" };
                AddRowFilter(builder, conditions, principal, target);
                await using var command = new NpgsqlCommand($"SELECT {target.SelectList} FROM {target.Table} t0 WHERE {string.Join(" AND ", conditions)}", connection);
                foreach (var p in builder.Parameters) command.Parameters.Add(p.Clone());
                command.Parameters.AddWithValue("ids", ids);
                await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
                var hiddenInTarget = access.HiddenFields(principal, target);
                foreach (var record in await RecordReader.ReadAllAsync(reader, target, ct).ConfigureAwait(false))
                {
                    if (hiddenInTarget.Count > 0) record.Hidden = hiddenInTarget;
                    found[record.Id] = record;
                }
            }
            foreach (var record in records)
                (record.Expanded ??= [])[name] = record[name] is Guid id ? found.GetValueOrDefault(id) : null;
        }
    }

    private void AddRowFilter(SqlQueryBuilder builder, List<string> conditions, CrmPrincipal principal, CompiledEntity entity)
    {
        if (access.RowFilter(principal, entity, RecordOperation.Read, builder.AddParameter) is { } filter) conditions.Add($"({filter})");
    }

    private static HashSet<string>? ValidateSelect(CompiledEntity entity, IReadOnlyList<string> select, IReadOnlySet<string> hidden)
    {
        if (select.Count == 0) return null;
        foreach (var name in select)
        {
            if (entity.FindField(name) is null && !SystemFields.All.ContainsKey(name))
                throw Bad("$select", $"'{entity.Name}' has no field '{name}'.");
            if (hidden.Contains(name)) throw Hidden("$select", entity, name);
        }
        return select.ToHashSet(StringComparer.Ordinal);
    }

    private static CrmException Hidden(string parameter, CompiledEntity entity, string field) =>
        new(CrmErrorKind.Forbidden, "fieldHidden", $"You may not read '{field}'.", [new CrmError(parameter, "fieldHidden", $"'{entity.Name}.{field}' is hidden from you.")]);

    private static CrmException Bad(string parameter, string message) =>
        new(CrmErrorKind.BadRequest, "invalidQuery", message, [new CrmError(parameter, "invalidQuery", message)]);
}
