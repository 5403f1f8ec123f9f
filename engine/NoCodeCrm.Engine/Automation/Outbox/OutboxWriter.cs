using Dapper;
using Npgsql;
using NoCodeCrm.Engine.Schema;

namespace NoCodeCrm.Engine.Automation.Outbox;

/// <summary>Adds events to the outbox inside the caller's transaction and wakes the workers when it commits.</summary>
public static class OutboxWriter
{
    /// <summary>The NOTIFY channel workers LISTEN on, so they start within milliseconds instead of a polling interval.</summary>
    public const string Channel = "nocodecrm_outbox";

    public static async Task EnqueueAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, SchemaNames names, OutboxEvent e,
        DateTimeOffset? availableAt, CancellationToken ct)
    {
        var s = Sql.Quote(names.SystemSchema);
        await connection.ExecuteAsync(new CommandDefinition(
            $"""
             INSERT INTO {s}.outbox (type, entity, record_id, payload, depth, rule, available_at)
             VALUES (@Type, @Entity, @RecordId, @PayloadJson::jsonb, @Depth, @Rule, coalesce(@availableAt, now()));
             SELECT pg_notify('{Channel}', '');
             """,
            new { e.Type, e.Entity, e.RecordId, e.PayloadJson, e.Depth, e.Rule, availableAt }, tx, cancellationToken: ct)).ConfigureAwait(false);
    }
}
