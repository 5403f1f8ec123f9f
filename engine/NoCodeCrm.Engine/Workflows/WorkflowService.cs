using System.Text.Json;
using Dapper;
using Npgsql;
using NoCodeCrm.Engine.Compiled;
using NoCodeCrm.Engine.Errors;
using NoCodeCrm.Engine.Records;
using NoCodeCrm.Engine.Schema;
using NoCodeCrm.Engine.Security;

namespace NoCodeCrm.Engine.Workflows;

/// <summary>Approval decisions and the per-record trail; a decision is a write of the record, guarded by the workflow hook like any other.</summary>
public sealed class WorkflowService(NpgsqlDataSource dataSource, ModelRegistry registry, RecordService records, WorkflowCatalogs catalogs)
{
    public const int MaxCommentLength = 4000;
    private static readonly JsonElement EmptyBody = JsonDocument.Parse("{}").RootElement.Clone();

    /// <summary>Approves (follows the step's first open transition) or rejects (back to onReject or the previous step), keeping the comment in the trail.</summary>
    public Task<StoredRecord> DecideAsync(CrmPrincipal principal, string entity, Guid id, bool approve, string? comment, CancellationToken ct)
    {
        if (comment is { Length: > MaxCommentLength })
            throw CrmException.Invalid("The comment is too long.", [new CrmError("$.comment", "tooLong", $"At most {MaxCommentLength} characters.")]);
        // The workflow hook refuses a decision on a record outside any workflow, but it only runs for entities that have
        // workflows; on others the decision would be an empty write that still bumps the record's version.
        if (!catalogs.For(registry.Current).Has(entity))
            throw new CrmException(CrmErrorKind.Conflict, "noWorkflow", $"No workflow runs on {entity} records, so there is nothing to approve or reject.");
        return records.PatchAsync(principal, entity, id, EmptyBody, null, ct, new RecordWriteOptions
        {
            Source = WorkflowCommands.Source, Command = approve ? WorkflowCommands.Approve : WorkflowCommands.Reject, Comment = comment,
        });
    }

    /// <summary>The record's workflow state and every trail entry, oldest first; needs read access to the record.</summary>
    public async Task<WorkflowTrail> TrailAsync(CrmPrincipal principal, string entity, Guid id, CancellationToken ct)
    {
        await records.GetAsync(principal, entity, id, ct).ConfigureAwait(false);
        var s = Sql.Quote(registry.Names.SystemSchema);
        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        var state = await connection.QuerySingleOrDefaultAsync<WorkflowState>(new CommandDefinition(
            $"""
             SELECT workflow, step, previous_step AS PreviousStep, started_at AS StartedAt, step_entered_at AS StepEnteredAt, step_due_at AS StepDueAt,
                    assignee, escalation_level AS EscalationLevel, first_response_due AS FirstResponseDue, first_responded_at AS FirstRespondedAt,
                    resolution_due AS ResolutionDue, resolved_at AS ResolvedAt, sla_state AS SlaState
             FROM {s}.workflow_state WHERE entity = @entity AND record_id = @id
             """, new { entity, id }, cancellationToken: ct)).ConfigureAwait(false)
            ?? throw CrmException.NotFound($"The {entity} {id} is not in a workflow.");
        var entries = await connection.QueryAsync<WorkflowTrailEntry>(new CommandDefinition(
            $"""
             SELECT action, from_step AS FromStep, to_step AS ToStep, actor, actor_name AS ActorName, at, spent_seconds AS SpentSeconds, assignee, comment
             FROM {s}.workflow_trail WHERE entity = @entity AND record_id = @id ORDER BY id
             """, new { entity, id }, cancellationToken: ct)).ConfigureAwait(false);
        return new WorkflowTrail(state, entries.AsList());
    }
}
