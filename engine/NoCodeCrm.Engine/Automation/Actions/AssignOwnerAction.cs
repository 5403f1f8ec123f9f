using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using Npgsql;
using NoCodeCrm.Engine.Compiled;
using NoCodeCrm.Engine.Errors;
using NoCodeCrm.Engine.Metadata.Automation;
using NoCodeCrm.Engine.Records;
using NoCodeCrm.Engine.Schema;

namespace NoCodeCrm.Engine.Automation.Actions;

/// <summary>Assigns the triggering record to a fixed user, or to the next of a list of users in turn (round-robin, shared by all nodes).</summary>
public sealed class AssignOwnerAction(RecordService records, NpgsqlDataSource dataSource, ModelRegistry registry) : IAutomationAction
{
    public ActionType Type => ActionType.AssignOwner;

    public async Task<JsonNode?> ExecuteAsync(ActionContext context, CancellationToken ct)
    {
        if (context.Entity is null || context.Record is null)
            throw new CrmException(CrmErrorKind.Validation, "noRecord", "An assignOwner action needs a triggering record.");
        var action = context.Step.Action;
        Guid owner;
        if (action.User is { } user) owner = user;
        else if (action.Users.Length > 0)
        {
            // One counter per rule step in the database, so every node continues the same rotation.
            var turn = context.DryRun ? 0 : await NextTurnAsync($"{context.Rule.Name}:{context.Step.Index}", ct).ConfigureAwait(false);
            owner = action.Users[(int)(turn % action.Users.Length)];
        }
        else throw new CrmException(CrmErrorKind.Validation, "noAssignee", "An assignOwner action needs a user or a list of users.");
        if (context.DryRun) return new JsonObject { ["entity"] = context.Entity.Name, ["id"] = context.Record.Id.ToString(), ["owner"] = owner.ToString() };
        var body = JsonSerializer.SerializeToElement(new JsonObject { ["owner"] = owner.ToString() });
        var updated = await records.PatchAsync(Execution.AutomationRecords.Principal, context.Entity.Name, context.Record.Id, body, null, ct, context.WriteOptions)
            .ConfigureAwait(false);
        return new JsonObject { ["entity"] = context.Entity.Name, ["id"] = updated.Id.ToString(), ["owner"] = owner.ToString() };
    }

    private async Task<long> NextTurnAsync(string name, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            $"""
             INSERT INTO {Sql.Quote(registry.Names.SystemSchema)}.automation_counter AS c (name, value) VALUES (@name, 0)
             ON CONFLICT (name) DO UPDATE SET value = c.value + 1 RETURNING value
             """, new { name }, cancellationToken: ct)).ConfigureAwait(false);
    }
}
