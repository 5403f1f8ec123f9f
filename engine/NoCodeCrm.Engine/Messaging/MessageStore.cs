using Dapper;
using Npgsql;
using NoCodeCrm.Engine.Compiled;
using NoCodeCrm.Engine.Errors;
using NoCodeCrm.Engine.Query;
using NoCodeCrm.Engine.Records;
using NoCodeCrm.Engine.Schema;
using NoCodeCrm.Engine.Security;

namespace NoCodeCrm.Engine.Messaging;

/// <summary>Reads and writes <c>crm_system.message</c>; statuses are written lower-case.</summary>
public sealed class MessageStore(NpgsqlDataSource dataSource, ModelRegistry registry, IRecordAccessPolicy access)
{
    private const string Columns = """
        id AS Id, channel AS Channel, recipient AS Recipient, subject AS Subject, text AS Text, html AS Html, status AS Status,
        provider_response AS ProviderResponse, provider_message_id AS ProviderMessageId, error AS Error, entity AS Entity,
        record_id AS RecordId, rule AS Rule, action_key AS ActionKey, language AS Language, attempts AS Attempts,
        created_at AS CreatedAt, sent_at AS SentAt, opened_at AS OpenedAt, open_count AS OpenCount, click_count AS ClickCount
        """;

    private string Table => Sql.Qualified(registry.Names.SystemSchema, "message");

    /// <summary>
    /// A record's messages need read access to its entity and only show for records within the reader's row scope; listing across
    /// entities is for administrators. Values of fields hidden from the reader are cut out of what the templates rendered.
    /// </summary>
    public async Task<IReadOnlyList<StoredMessage>> ListAsync(CrmPrincipal principal, MessageQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(principal);
        ArgumentNullException.ThrowIfNull(query);
        Authorize(principal, query.Entity);
        if (query.Entity is null) return await ListAsync(query, ct).ConfigureAwait(false);
        var model = registry.Current;
        var entity = RecordService.Entity(model, query.Entity);
        var builder = new SqlQueryBuilder(model, entity);
        var scope = RecordScopeFilter.Of(access, principal, entity, "m.record_id", builder);
        var messages = await ListAsync(query, scope, builder.Parameters, ct).ConfigureAwait(false);
        return await WithoutHiddenValuesAsync(principal, entity, messages, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// One message, if the principal may read the record it was sent about (administrators only for messages about no record); a record
    /// outside the reader's scope answers like a missing message.
    /// </summary>
    public async Task<StoredMessage> GetAsync(CrmPrincipal principal, Guid id, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var message = await GetAsync(id, ct).ConfigureAwait(false) ?? throw CrmException.NotFound($"There is no message with id {id}.");
        var model = registry.Current;
        var entity = message.Entity is { } e ? model.FindEntity(e) : null;
        Authorize(principal, entity?.Name);
        if (entity is null || message.RecordId is not { } recordId) return message;
        await using (var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false))
            if (!await RecordVisibility.CoversAsync(access, model, connection, principal, entity, recordId, RecordOperation.Read, ct).ConfigureAwait(false))
                throw CrmException.NotFound($"There is no message with id {id}.");
        return (await WithoutHiddenValuesAsync(principal, entity, [message], ct).ConfigureAwait(false))[0];
    }

    /// <summary>
    /// The messages with the current values of their records' hidden fields replaced by a marker: a template may have rendered a
    /// field the reader is not allowed to see.
    /// </summary>
    private async Task<IReadOnlyList<StoredMessage>> WithoutHiddenValuesAsync(CrmPrincipal principal, CompiledEntity entity,
        IReadOnlyList<StoredMessage> messages, CancellationToken ct)
    {
        var hidden = access.HiddenFields(principal, entity);
        var ids = messages.Where(m => m.RecordId is not null).Select(m => m.RecordId!.Value).Distinct().ToArray();
        if (hidden.Count == 0 || ids.Length == 0) return messages;
        var columns = entity.Fields.Where(f => hidden.Contains(f.Name)).Select(f => f.Column + "::text").ToArray();
        if (columns.Length == 0) return messages;
        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        var values = (await connection.QueryAsync<(Guid Id, string Value)>(new CommandDefinition(
            $"SELECT t.\"id\", v FROM {entity.Table} t, unnest(ARRAY[{string.Join(", ", columns)}]) v WHERE t.\"id\" = ANY(@ids) AND v <> ''",
            new { ids }, cancellationToken: ct)).ConfigureAwait(false)).ToLookup(r => r.Id, r => r.Value);
        return messages.Select(m =>
        {
            if (m.RecordId is not { } id || !values[id].Any()) return m;
            var scrubber = new Compliance.ValueScrubber(values[id], HiddenMarker);
            return m with { Subject = scrubber.Text(m.Subject), Text = scrubber.Text(m.Text), Html = scrubber.Text(m.Html) };
        }).ToList();
    }

    /// <summary>What a hidden field's value becomes in a message shown to someone who may not see it.</summary>
    public const string HiddenMarker = "[hidden]";

    private void Authorize(CrmPrincipal principal, string? entity)
    {
        if (entity is not null)
            access.Authorize(principal, RecordService.Entity(registry.Current, entity), RecordOperation.Read);
        else if (!principal.IsAdministrator)
            throw new CrmException(CrmErrorKind.Forbidden, "forbidden", "Name the entity whose messages you want to list.");
    }

    public static string StatusText(MessageStatus status) => status.ToString().ToLowerInvariant();

    public async Task<StoredMessage?> GetAsync(Guid id, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        return await connection.QuerySingleOrDefaultAsync<StoredMessage>(new CommandDefinition(
            $"SELECT {Columns} FROM {Table} WHERE id = @id", new { id }, cancellationToken: ct)).ConfigureAwait(false);
    }

    public async Task<StoredMessage?> FindByActionKeyAsync(string actionKey, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        return await connection.QuerySingleOrDefaultAsync<StoredMessage>(new CommandDefinition(
            $"SELECT {Columns} FROM {Table} WHERE action_key = @actionKey", new { actionKey }, cancellationToken: ct)).ConfigureAwait(false);
    }

    /// <summary>Newest first; every filter optional.</summary>
    public Task<IReadOnlyList<StoredMessage>> ListAsync(MessageQuery query, CancellationToken ct) => ListAsync(query, null, [], ct);

    private async Task<IReadOnlyList<StoredMessage>> ListAsync(MessageQuery query, string? scope, IReadOnlyList<NpgsqlParameter> scopeParameters,
        CancellationToken ct)
    {
        var parameters = new DynamicParameters(new
        {
            entity = query.Entity, recordId = query.RecordId, channel = query.Channel, status = query.Status, top = Math.Clamp(query.Top, 1, MessageQuery.MaxTop),
        });
        foreach (var p in scopeParameters) parameters.Add(p.ParameterName, p.Value);
        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        var rows = await connection.QueryAsync<StoredMessage>(new CommandDefinition(
            $"""
             SELECT {Columns} FROM {Table} m
             WHERE (@entity::text IS NULL OR entity = @entity) AND (@recordId::uuid IS NULL OR record_id = @recordId)
               AND (@channel::text IS NULL OR channel = @channel) AND (@status::text IS NULL OR status = @status){(scope is null ? "" : $" AND {scope}")}
             ORDER BY created_at DESC, id
             LIMIT @top
             """,
            parameters, cancellationToken: ct)).ConfigureAwait(false);
        return rows.AsList();
    }

    /// <summary>
    /// Stores the message about to be sent (or refused) and returns its id. A message with the same action key that did not
    /// go out (queued, failed) is reused, so a retried action keeps one row and one Message-ID.
    /// </summary>
    internal async Task<Guid> SaveAttemptAsync(OutgoingMessage message, MessageStatus status, string? error, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        return await connection.ExecuteScalarAsync<Guid>(new CommandDefinition(
            $"""
             INSERT INTO {Table} AS m (id, channel, recipient, subject, text, html, status, error, entity, record_id, rule, action_key, language, attempts)
             VALUES (@id, @Channel, @To, @Subject, @Text, @Html, @status, @error, @Entity, @RecordId, @Rule, @ActionKey, @Language, 1)
             ON CONFLICT (action_key) DO UPDATE SET
                 channel = excluded.channel, recipient = excluded.recipient, subject = excluded.subject, text = excluded.text,
                 html = excluded.html, status = excluded.status, error = excluded.error, language = excluded.language,
                 attempts = m.attempts + 1
             RETURNING id
             """,
            new
            {
                id = Guid.CreateVersion7(), message.Channel, message.To, message.Subject, message.Text, message.Html, status = StatusText(status),
                error, message.Entity, message.RecordId, message.Rule, message.ActionKey, message.Language,
            },
            cancellationToken: ct)).ConfigureAwait(false);
    }

    internal async Task MarkSentAsync(Guid id, string? providerResponse, string? providerMessageId, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            $"""
             UPDATE {Table} SET status = 'sent', sent_at = now(), error = NULL,
                 provider_response = @providerResponse, provider_message_id = @providerMessageId
             WHERE id = @id
             """,
            new { id, providerResponse, providerMessageId }, cancellationToken: ct)).ConfigureAwait(false);
    }

    internal async Task MarkFailedAsync(Guid id, string error, string? providerResponse, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            $"UPDATE {Table} SET status = 'failed', error = @error, provider_response = @providerResponse WHERE id = @id",
            new { id, error, providerResponse }, cancellationToken: ct)).ConfigureAwait(false);
    }
}
