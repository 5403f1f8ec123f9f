using Dapper;
using Npgsql;
using NoCodeCrm.Engine.Records;
using NoCodeCrm.Engine.Schema;

namespace NoCodeCrm.Engine.Workflows;

/// <summary>
/// One write as the workflow changes it: the fields it sets (step, owner, SLA state and due) go into the row with one UPDATE and
/// into the in-memory record, so the hooks after it (audit, outbox) and the response see them; plus the trail rows it adds.
/// </summary>
public sealed class WorkflowWrite(RecordChange change, string schema, DateTimeOffset now)
{
    private readonly Dictionary<string, object?> _set = new(StringComparer.Ordinal);

    public RecordChange Change { get; } = change;
    /// <summary>The system schema, quoted.</summary>
    public string Schema { get; } = schema;
    public DateTimeOffset Now { get; } = now;
    public Guid Id => (Change.Current ?? Change.Previous)!.Id;

    public void Set(string field, object? value)
    {
        _set[field] = value;
        var record = Change.Current!;
        var index = record.IndexOf(field);
        if (index >= 0) record.Values[index] = value;
    }

    public async Task FlushAsync(CancellationToken ct)
    {
        if (_set.Count == 0) return;
        var assignments = new List<string>();
        await using var command = new NpgsqlCommand { Connection = Change.Connection, Transaction = Change.Transaction };
        var i = 0;
        foreach (var (field, value) in _set)
        {
            // Only names of the published model reach here (the step, SLA fields and owner), quoted as identifiers.
            assignments.Add($"{Sql.Quote(field)} = @v{i}");
            command.Parameters.Add(new NpgsqlParameter($"v{i}", value ?? DBNull.Value));
            i++;
        }
        command.CommandText = $"UPDATE {Change.Entity.Table} SET {string.Join(", ", assignments)} WHERE \"id\" = @id";
        command.Parameters.AddWithValue("id", Id);
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        _set.Clear();
    }

    public async Task TrailAsync(string workflow, string action, string? from, string? to, long? spentSeconds, Guid? assignee, string? comment, CancellationToken ct)
    {
        var actor = Change.Principal;
        await Change.Connection.ExecuteAsync(new CommandDefinition(
            $"""
             INSERT INTO {Schema}.workflow_trail (entity, record_id, workflow, action, from_step, to_step, actor, actor_name, at, spent_seconds, assignee, comment)
             VALUES (@entity, @id, @workflow, @action, @from, @to, @actor, @actorName, @at, @spentSeconds, @assignee, @comment)
             """,
            new
            {
                entity = Change.Entity.Name, id = Id, workflow, action, from, to, actor = actor.UserId, actorName = actor.UserName, at = Now.UtcDateTime,
                spentSeconds, assignee, comment,
            }, Change.Transaction, cancellationToken: ct)).ConfigureAwait(false);
    }

    /// <summary>What a workflow event carries for templates: the step, the action, and the people concerned with their addresses.</summary>
    public async Task<Dictionary<string, object?>> EventDataAsync(string workflow, string step, string action, string? comment, Guid? previousAssignee,
        CancellationToken ct)
    {
        var data = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["workflow"] = workflow, ["step"] = step, ["action"] = action, ["comment"] = comment, ["at"] = Now.UtcDateTime,
        };
        var owner = Change.Current!.Owner;
        foreach (var (key, user) in new[] { ("assignee", owner), ("owner", owner), ("previous_assignee", previousAssignee) })
        {
            var (email, name) = await WorkflowAssignees.ContactAsync(Change.Connection, Change.Transaction, Schema, user, ct).ConfigureAwait(false);
            data[key + "_id"] = user;
            data[key + "_email"] = email;
            data[key + "_name"] = name;
        }
        return data;
    }
}
