using System.Text.Json;
using Dapper;
using Npgsql;
using NoCodeCrm.Engine.Errors;
using NoCodeCrm.Engine.Events;
using NoCodeCrm.Engine.Schema;

namespace NoCodeCrm.Engine.Messaging.Tracking;

/// <summary>
/// Turns hits on the tracking routes into <c>email.opened</c> and <c>link.clicked</c> events on the message's record.
/// Only the first open of a message becomes an event (mail clients and image proxies fetch pixels again and again, and
/// one open must fire an "opened" rule once); later opens are counted on the message. Every click is an event.
/// </summary>
public sealed class TrackingService(NpgsqlDataSource dataSource, SchemaNames names, EmailTracker tracker, InboundEventService events)
{
    /// <summary>Records the open a genuine token reports; false when the token is forged or damaged.</summary>
    public async Task<bool> RecordOpenAsync(string token, CancellationToken ct)
    {
        var key = await tracker.KeyAsync(ct).ConfigureAwait(false);
        if (TrackingTokens.VerifyOpen(key, token) is not { } messageId) return false;

        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        var message = await connection.QuerySingleOrDefaultAsync<(string? Entity, Guid? RecordId, bool First)>(new CommandDefinition(
            $"""
             UPDATE {Sql.Qualified(names.SystemSchema, "message")} m
             SET open_count = m.open_count + 1, opened_at = coalesce(m.opened_at, now())
             FROM (SELECT id, opened_at FROM {Sql.Qualified(names.SystemSchema, "message")} WHERE id = @messageId FOR UPDATE) before
             WHERE m.id = before.id
             RETURNING m.entity, m.record_id, before.opened_at IS NULL
             """,
            new { messageId }, tx, cancellationToken: ct)).ConfigureAwait(false);
        if (message.First)
            await RecordEventAsync(connection, tx, EventTypes.EmailOpened, messageId, message.Entity, message.RecordId, null, ct).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
        return true;
    }

    /// <summary>Records the click a genuine token reports and returns where to send the browser; null when forged.</summary>
    public async Task<Uri?> RecordClickAsync(string token, string url, CancellationToken ct)
    {
        var key = await tracker.KeyAsync(ct).ConfigureAwait(false);
        if (TrackingTokens.VerifyClick(key, token, url) is not { } messageId) return null;
        // Signed by us, but only web addresses ever get signed: anything else must not become a redirect.
        if (!Uri.TryCreate(url, UriKind.Absolute, out var target) || target.Scheme is not ("http" or "https")) return null;

        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        var message = await connection.QuerySingleOrDefaultAsync<(string? Entity, Guid? RecordId)>(new CommandDefinition(
            $"UPDATE {Sql.Qualified(names.SystemSchema, "message")} SET click_count = click_count + 1 WHERE id = @messageId RETURNING entity, record_id",
            new { messageId }, tx, cancellationToken: ct)).ConfigureAwait(false);
        await RecordEventAsync(connection, tx, EventTypes.LinkClicked, messageId, message.Entity, message.RecordId, url, ct).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
        return target;
    }

    private async Task RecordEventAsync(NpgsqlConnection connection, NpgsqlTransaction tx, string type, Guid messageId, string? entity, Guid? recordId,
        string? url, CancellationToken ct)
    {
        // A message sent without a record (or whose record is gone) has no timeline to show the event on.
        if (entity is null || recordId is not { } id) return;
        var data = JsonSerializer.SerializeToElement(url is null
            ? new Dictionary<string, string> { ["messageId"] = messageId.ToString() }
            : new Dictionary<string, string> { ["messageId"] = messageId.ToString(), ["url"] = url });
        try
        {
            await events.RecordAsync(connection, tx, new InboundEvent(type, entity, id, null, data, "tracking", messageId), ct).ConfigureAwait(false);
        }
        catch (CrmException ex) when (ex.Kind == CrmErrorKind.Validation)
        {
            // The record or its entity was deleted since the message went out: the hit is counted, no event is kept.
            // (The check fails before any write, so the transaction stays usable.)
        }
    }
}
