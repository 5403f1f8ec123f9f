using System.Text.Json;
using Dapper;
using Npgsql;
using NoCodeCrm.Engine.Automation.Outbox;
using NoCodeCrm.Engine.Compiled;
using NoCodeCrm.Engine.Errors;
using NoCodeCrm.Engine.Query;
using NoCodeCrm.Engine.Records;
using NoCodeCrm.Engine.Schema;
using NoCodeCrm.Engine.Security;

namespace NoCodeCrm.Engine.Events;

/// <summary>
/// Stores inbound events on their record's timeline and, in the same transaction, puts an <c>event</c> into the outbox
/// so that automation rules triggered by the event type fire (payload <c>{"eventType","eventId","data",…}</c>).
/// </summary>
public sealed class InboundEventService(NpgsqlDataSource dataSource, ModelRegistry registry, IRecordAccessPolicy access)
{
    /// <summary>The outbox event type automation listens to.</summary>
    public const string OutboxType = "event";

    /// <summary>Records an event reported by a user or API client, who must be allowed to update the record.</summary>
    public Task<StoredEvent> RecordAsync(CrmPrincipal principal, InboundEvent e, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(principal);
        ArgumentNullException.ThrowIfNull(e);
        var entity = EntityOf(registry.Current, e.Entity);
        access.Authorize(principal, entity, RecordOperation.Update);
        return RecordAsync(e, ct);
    }

    /// <summary>Records an event the CRM itself observed (tracking pixel, click) or a trusted caller reports.</summary>
    public async Task<StoredEvent> RecordAsync(InboundEvent e, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(e);
        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        var stored = await RecordAsync(connection, tx, e, ct).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
        return stored;
    }

    /// <summary>Records the event inside the caller's transaction (e.g. together with a message's open counter).</summary>
    public async Task<StoredEvent> RecordAsync(NpgsqlConnection connection, NpgsqlTransaction tx, InboundEvent e, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(e);
        if (!EventTypes.IsValid(e.Type))
            throw CrmException.Invalid("The event type is not valid.", [new CrmError("$.type", "invalidEventType", "An event type is lower-case words joined by dots.")]);
        var model = registry.Current;
        var entity = EntityOf(model, e.Entity);
        var exists = await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            $"SELECT EXISTS (SELECT 1 FROM {entity.Table} WHERE \"id\" = @id AND \"deleted_at\" IS NULL)",
            new { id = e.RecordId }, tx, cancellationToken: ct)).ConfigureAwait(false);
        if (!exists)
            throw CrmException.Invalid("The event's record does not exist.",
                [new CrmError("$.recordId", "recordNotFound", $"There is no {entity.Name} with id {e.RecordId}.")]);

        var id = Guid.CreateVersion7();
        var occurredAt = (e.OccurredAt ?? DateTimeOffset.UtcNow).ToUniversalTime();
        var data = e.Data is { ValueKind: JsonValueKind.Object } d ? d.GetRawText() : "{}";
        var s = Sql.Quote(registry.Names.SystemSchema);
        var receivedAt = await connection.ExecuteScalarAsync<DateTime>(new CommandDefinition(
            $"""
             INSERT INTO {s}.event (id, type, entity, record_id, occurred_at, data, source, message_id)
             VALUES (@id, @Type, @Entity, @RecordId, @occurredAt, @data::jsonb, @Source, @MessageId)
             RETURNING received_at
             """,
            new { id, e.Type, e.Entity, e.RecordId, occurredAt, data, e.Source, e.MessageId }, tx, cancellationToken: ct)).ConfigureAwait(false);

        await OutboxWriter.EnqueueAsync(connection, tx, registry.Names,
            new OutboxEvent(OutboxType, e.Entity, e.RecordId, Payload(id, e, occurredAt, data)), null, ct).ConfigureAwait(false);

        using var dataDocument = JsonDocument.Parse(data);
        return new StoredEvent(id, e.Type, e.Entity, e.RecordId, occurredAt.UtcDateTime, DateTime.SpecifyKind(receivedAt, DateTimeKind.Utc),
            dataDocument.RootElement.Clone(), e.Source, e.MessageId);
    }

    /// <summary>Newest first. Listing one entity's events needs read access to it; listing across entities is for administrators.</summary>
    public async Task<IReadOnlyList<StoredEvent>> ListAsync(CrmPrincipal principal, EventQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(principal);
        ArgumentNullException.ThrowIfNull(query);
        var model = registry.Current;
        string? scope = null;
        var builder = (SqlQueryBuilder?)null;
        if (query.Entity is not null)
        {
            var entity = RecordService.Entity(model, query.Entity);
            access.Authorize(principal, entity, RecordOperation.Read);
            // Only events of records the reader may see, as the records' own list would show them.
            builder = new SqlQueryBuilder(model, entity);
            scope = RecordScopeFilter.Of(access, principal, entity, "ev.record_id", builder);
        }
        else if (!principal.IsAdministrator)
            throw new CrmException(CrmErrorKind.Forbidden, "forbidden", "Name the entity whose events you want to list.");

        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        var s = Sql.Quote(registry.Names.SystemSchema);
        await using var command = new NpgsqlCommand(
            $"""
             SELECT id, type, entity, record_id, occurred_at, received_at, data::text, source, message_id FROM {s}.event ev
             WHERE (@entity::text IS NULL OR entity = @entity) AND (@recordId::uuid IS NULL OR record_id = @recordId) AND (@type::text IS NULL OR type = @type)
               {(scope is null ? "" : $"AND {scope}")}
             ORDER BY occurred_at DESC, id
             LIMIT @top
             """, connection)
        {
            Parameters =
            {
                new NpgsqlParameter("entity", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)query.Entity ?? DBNull.Value },
                new NpgsqlParameter("recordId", NpgsqlTypes.NpgsqlDbType.Uuid) { Value = (object?)query.RecordId ?? DBNull.Value },
                new NpgsqlParameter("type", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)query.Type ?? DBNull.Value },
                new NpgsqlParameter("top", Math.Clamp(query.Top, 1, EventQuery.MaxTop)),
            },
        };
        if (builder is not null) command.Parameters.AddRange(builder.Parameters.ToArray());
        var events = new List<StoredEvent>();
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            using var data = JsonDocument.Parse(reader.GetString(6));
            events.Add(new StoredEvent(reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetGuid(3), reader.GetDateTime(4),
                reader.GetDateTime(5), data.RootElement.Clone(), reader.GetString(7), reader.IsDBNull(8) ? null : reader.GetGuid(8)));
        }
        return events;
    }

    private static CompiledEntity EntityOf(CompiledModel model, string name) =>
        model.FindEntity(name) ?? throw CrmException.Invalid("The event's entity does not exist.",
            [new CrmError("$.entity", "unknownEntity", $"There is no entity named '{(name.Length <= 64 ? name : name[..64] + "…")}'.")]);

    private static string Payload(Guid id, InboundEvent e, DateTimeOffset occurredAt, string data)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = Json.JsonEncoding.Encoder }))
        {
            writer.WriteStartObject();
            writer.WriteString("eventType", e.Type);
            writer.WriteString("eventId", id);
            writer.WriteString("occurredAt", occurredAt);
            writer.WriteString("source", e.Source);
            if (e.MessageId is { } messageId) writer.WriteString("messageId", messageId);
            writer.WritePropertyName("data");
            writer.WriteRawValue(data, skipInputValidation: true);
            writer.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
