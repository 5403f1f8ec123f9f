using Dapper;
using Npgsql;
using NoCodeCrm.Engine.Schema;

namespace NoCodeCrm.Engine.Scheduling;

/// <summary>
/// Keeps the ledgers small: an occurrence due at or before its rule's watermark can never be a candidate again (every later window
/// starts after the watermark), and a cron tick older than a week is far beyond any misfire or recovery. Runs nightly, in batches.
/// </summary>
public sealed class SchedulingLedgerCleanup(NpgsqlDataSource dataSource, SchemaNames names) : IMaintenanceJob
{
    private const int BatchSize = 10_000;

    public string Name => "scheduling-ledger-cleanup";
    public string Cron => "0 17 3 * * ?";

    public async Task RunAsync(CancellationToken ct)
    {
        var s = Sql.Quote(names.SystemSchema);
        // A day of margin: a sweep holding an older watermark may still be finishing on another node.
        await DeleteInBatchesAsync($"""
            DELETE FROM {s}.date_relative_ledger WHERE ctid IN (
                SELECT l.ctid FROM {s}.date_relative_ledger l
                LEFT JOIN {s}.date_relative_watermark w ON w.rule = l.rule
                WHERE l.due_at < coalesce(w.watermark, now()) - interval '1 day'
                LIMIT {BatchSize})
            """, ct).ConfigureAwait(false);
        await DeleteInBatchesAsync($"""
            DELETE FROM {s}.schedule_ledger WHERE ctid IN (
                SELECT ctid FROM {s}.schedule_ledger WHERE scheduled_at < now() - interval '7 days' LIMIT {BatchSize})
            """, ct).ConfigureAwait(false);
    }

    private async Task DeleteInBatchesAsync(string sql, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        while (await connection.ExecuteAsync(new CommandDefinition(sql, cancellationToken: ct)).ConfigureAwait(false) == BatchSize)
        {
        }
    }
}
