using System.Globalization;
using System.Text.Json;
using Dapper;
using Npgsql;
using NoCodeCrm.Engine.Automation.Outbox;
using NoCodeCrm.Engine.Metadata.Automation;
using NoCodeCrm.Engine.Schema;

namespace NoCodeCrm.Engine.Scheduling;

/// <summary>Turns one cron tick of a schedule rule into an outbox event, at most once per (rule, scheduled time).</summary>
public sealed class ScheduleTickWriter(NpgsqlDataSource dataSource, SchemaNames names)
{
    /// <summary>
    /// Writes the ledger row and the event in one transaction; false when the tick was already enqueued (a recovered or
    /// re-fired trigger, or a second node), so nothing is written twice.
    /// </summary>
    public async Task<bool> EnqueueTickAsync(AutomationDefinition rule, DateTimeOffset scheduledAt, DateTimeOffset firedAt, CancellationToken ct)
    {
        var s = Sql.Quote(names.SystemSchema);
        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        var inserted = await connection.ExecuteAsync(new CommandDefinition(
            $"INSERT INTO {s}.schedule_ledger (rule, scheduled_at, fired_at) VALUES (@rule, @scheduledAt, @firedAt) ON CONFLICT DO NOTHING",
            new { rule = rule.Name, scheduledAt = scheduledAt.UtcDateTime, firedAt = firedAt.UtcDateTime }, tx, cancellationToken: ct)).ConfigureAwait(false);
        if (inserted == 0)
        {
            await tx.RollbackAsync(ct).ConfigureAwait(false);
            return false;
        }
        var payload = JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["firedAt"] = firedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            ["scheduledAt"] = scheduledAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        });
        await OutboxWriter.EnqueueAsync(connection, tx, names, new OutboxEvent("schedule", rule.Trigger.Entity, null, payload, 0, rule.Name),
            null, ct).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
        return true;
    }
}
