using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using NoCodeCrm.Engine.Automation.Outbox;
using NoCodeCrm.Engine.Compiled;

namespace NoCodeCrm.Engine.Scheduling;

/// <summary>
/// Enqueues date-relative occurrences set-based: per rule, one statement finds the records whose occurrence fell due since the rule's
/// watermark and that the ledger has not seen, writes their ledger rows and outbox events, and moves the watermark, in one transaction.
/// </summary>
/// <remarks>
/// The watermark row is locked for the sweep, so two nodes sweeping at once take turns and the second finds an empty window; the
/// ledger's key (rule, record, occurrence day) would keep it exactly once even without that. A rule is first seen with its watermark
/// at that moment, so past dates never fire; downtime is caught up because the window starts at the last successful sweep. Moving the
/// date makes a new occurrence (a new key): it fires when its moment enters a window, including a moment moved into the past if it
/// lands after the watermark, i.e. since the last sweep.
/// </remarks>
public sealed class DateRelativeSweeper(NpgsqlDataSource dataSource, ModelRegistry registry, ILogger<DateRelativeSweeper>? logger = null)
{
    private readonly ILogger _logger = logger ?? NullLogger<DateRelativeSweeper>.Instance;

    /// <summary>Sweeps every enabled date-relative rule of the current model up to <paramref name="now"/>; returns the events enqueued.</summary>
    public async Task<int> SweepAsync(DateTimeOffset now, CancellationToken ct)
    {
        var total = 0;
        foreach (var rule in DateRelativeRule.For(registry.Current))
        {
            try
            {
                total += await SweepRuleAsync(rule, now, ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException && !ct.IsCancellationRequested)
            {
                // One rule's failure (e.g. its table being altered right now) must not hold back the others; its watermark stays, so it catches up.
                _logger.LogWarning(ex, "Date-relative sweep of rule {Rule} failed; it is retried on the next sweep", rule.Name);
            }
        }
        return total;
    }

    /// <summary>Sweeps one rule; returns the events enqueued.</summary>
    public async Task<int> SweepRuleAsync(DateRelativeRule rule, DateTimeOffset now, CancellationToken ct)
    {
        var s = Schema.Sql.Quote(registry.Names.SystemSchema);
        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);

        DateTimeOffset watermark;
        await using (var seen = new NpgsqlCommand(
            $"""
             INSERT INTO {s}.date_relative_watermark (rule, watermark) VALUES (@rule, @now) ON CONFLICT DO NOTHING;
             SELECT watermark FROM {s}.date_relative_watermark WHERE rule = @rule FOR UPDATE;
             """, connection, tx))
        {
            seen.Parameters.Add(new NpgsqlParameter<string>("rule", rule.Name));
            seen.Parameters.Add(new NpgsqlParameter<DateTime>("now", now.UtcDateTime));
            watermark = new DateTimeOffset((DateTime)(await seen.ExecuteScalarAsync(ct).ConfigureAwait(false))!, TimeSpan.Zero);
        }
        if (watermark >= now)
        {
            await tx.CommitAsync(ct).ConfigureAwait(false);
            return 0;
        }

        var count = 0;
        await using (var sweep = BuildSweep(rule, watermark, now, connection, tx))
        {
            if (sweep is not null) count = await sweep.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
        await using (var move = new NpgsqlCommand(
            $"UPDATE {s}.date_relative_watermark SET watermark = @now WHERE rule = @rule;" + (count > 0 ? $" SELECT pg_notify('{OutboxWriter.Channel}', '');" : ""),
            connection, tx))
        {
            move.Parameters.Add(new NpgsqlParameter<string>("rule", rule.Name));
            move.Parameters.Add(new NpgsqlParameter<DateTime>("now", now.UtcDateTime));
            await move.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
        await tx.CommitAsync(ct).ConfigureAwait(false);
        if (count > 0) _logger.LogInformation("Rule {Rule}: {Count} date-relative occurrences enqueued", rule.Name, count);
        return count;
    }

    /// <summary>The sweep statement with its parameters, or null when the window holds no due moment (most one-minute windows of a date rule).</summary>
    private static NpgsqlCommand? BuildSweep(DateRelativeRule rule, DateTimeOffset after, DateTimeOffset upTo, NpgsqlConnection connection, NpgsqlTransaction tx)
    {
        var command = new NpgsqlCommand(rule.Sql, connection, tx);
        var p = command.Parameters;
        p.Add(new NpgsqlParameter<string>("rule", rule.Name));
        p.Add(new NpgsqlParameter<string>("entity", rule.Entity));
        p.Add(new NpgsqlParameter<string>("zone", rule.Zone.Id));
        p.Add(new NpgsqlParameter<int>("offset", rule.OffsetDays));
        p.Add(new NpgsqlParameter<DateTime>("after", after.UtcDateTime));
        p.Add(new NpgsqlParameter<DateTime>("upTo", upTo.UtcDateTime));
        var any = true;
        switch (rule.IsDate, rule.Yearly)
        {
            case (true, false):
            {
                var due = rule.DueDays(after, upTo).ToArray();
                p.Add(new NpgsqlParameter<DateOnly[]>("days", due.Select(d => d.Day.AddDays(-rule.OffsetDays)).ToArray()));
                p.Add(new NpgsqlParameter<DateTime[]>("dues", due.Select(d => d.DueAt.UtcDateTime).ToArray()));
                any = due.Length > 0;
                break;
            }
            case (true, true):
            {
                var keys = new List<string>();
                var occurrences = new List<DateOnly>();
                var dues = new List<DateTime>();
                foreach (var (day, dueAt) in rule.DueDays(after, upTo))
                    foreach (var key in AnniversaryKeys(day.AddDays(-rule.OffsetDays)))
                    {
                        keys.Add(key);
                        occurrences.Add(day.AddDays(-rule.OffsetDays));
                        dues.Add(dueAt.UtcDateTime);
                    }
                p.Add(new NpgsqlParameter<string[]>("keys", keys.ToArray()));
                p.Add(new NpgsqlParameter<DateOnly[]>("occurrences", occurrences.ToArray()));
                p.Add(new NpgsqlParameter<DateTime[]>("dues", dues.ToArray()));
                any = keys.Count > 0;
                break;
            }
            case (false, false):
            {
                // The range on the column itself lets an index serve it; a day either side covers zone and daylight-saving shifts.
                p.Add(new NpgsqlParameter<DateTime>("lo", after.AddDays(-rule.OffsetDays - 1).UtcDateTime));
                p.Add(new NpgsqlParameter<DateTime>("hi", upTo.AddDays(-rule.OffsetDays + 1).UtcDateTime));
                break;
            }
            case (false, true):
            {
                var keys = new List<string>();
                var occurrences = new List<DateOnly>();
                foreach (var day in rule.TouchedDays(after, upTo))
                    foreach (var key in AnniversaryKeys(day.AddDays(-rule.OffsetDays)))
                    {
                        keys.Add(key);
                        occurrences.Add(day.AddDays(-rule.OffsetDays));
                    }
                p.Add(new NpgsqlParameter<string[]>("keys", keys.ToArray()));
                p.Add(new NpgsqlParameter<DateOnly[]>("occurrences", occurrences.ToArray()));
                break;
            }
        }
        if (any) return command;
        command.Dispose();
        return null;
    }

    /// <summary>The month-day keys of the dates whose anniversary falls on <paramref name="day"/>: 29 February also on 28 February of other years.</summary>
    internal static IEnumerable<string> AnniversaryKeys(DateOnly day)
    {
        yield return day.ToString("MM-dd", CultureInfo.InvariantCulture);
        if (day is { Month: 2, Day: 28 } && !DateTime.IsLeapYear(day.Year)) yield return "02-29";
    }
}
