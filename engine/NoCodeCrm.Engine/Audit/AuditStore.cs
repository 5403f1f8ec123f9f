using Dapper;
using Npgsql;
using NoCodeCrm.Engine.Compiled;
using NoCodeCrm.Engine.Schema;

namespace NoCodeCrm.Engine.Audit;

/// <summary>Reads the audit history: who changed, read or exported what, when, through what; it has no way to change a row.</summary>
public sealed class AuditStore(NpgsqlDataSource dataSource, ModelRegistry registry)
{
    public const int MaxTop = 500;

    private const string Columns = """
        json_build_object('id', id, 'at', at, 'userId', user_id, 'userName', user_name, 'source', source,
            'rule', rule, 'actionKey', action_key, 'entity', entity, 'recordId', record_id, 'operation', operation,
            'changes', changes, 'recordIds', record_ids, 'fields', fields, 'cascadeOf', cascade_of)::text
        """;

    // A read or export of many records keeps their ids in record_ids; filtering by record finds those too.
    private const string Where = """
        WHERE (@entity::text IS NULL OR entity = @entity)
          AND (@recordId::uuid IS NULL OR record_id = @recordId OR record_ids @> ARRAY[@recordId::uuid])
          AND (@userId::uuid IS NULL OR user_id = @userId) AND (@userName::text IS NULL OR user_name = @userName)
          AND (@from::timestamptz IS NULL OR at >= @from) AND (@to::timestamptz IS NULL OR at < @to)
        """;

    /// <summary>Matching rows as JSON objects, newest first.</summary>
    public async Task<IReadOnlyList<string>> ListAsync(AuditQuery query, CancellationToken ct)
    {
        var args = Arguments(query);
        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        return (await connection.QueryAsync<string>(new CommandDefinition(
            $"SELECT {Columns} FROM {Sql.Quote(registry.Names.SystemSchema)}.audit {Where} ORDER BY at DESC, id DESC LIMIT @top OFFSET @skip",
            args, cancellationToken: ct)).ConfigureAwait(false)).AsList();
    }

    /// <summary>How many rows match, ignoring paging.</summary>
    public async Task<long> CountAsync(AuditQuery query, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            $"SELECT count(*) FROM {Sql.Quote(registry.Names.SystemSchema)}.audit {Where}", Arguments(query), cancellationToken: ct)).ConfigureAwait(false);
    }

    private static object Arguments(AuditQuery query)
    {
        Guid? userId = Guid.TryParse(query.User, out var id) ? id : null;
        return new
        {
            entity = query.Entity,
            recordId = query.RecordId,
            userId,
            userName = userId is null ? query.User : null,
            from = query.From?.ToUniversalTime(),
            to = query.To?.ToUniversalTime(),
            top = Math.Clamp(query.Top, 1, MaxTop),
            skip = Math.Max(0, query.Skip),
        };
    }
}
