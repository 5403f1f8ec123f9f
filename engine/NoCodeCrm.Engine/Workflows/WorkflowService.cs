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
public sealed class WorkflowService(NpgsqlDataSource dataSource, ModelRegistry registry, RecordService records, WorkflowCatalogs catalogs,
    IRecordAccessPolicy access)
{
    public const int MaxPending = 200;

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

    /// <summary>
    /// Records waiting in an approval step whose role the reader has (every approval step for administrators), among the records
    /// they may read, longest waiting first: the reader's approval inbox.
    /// </summary>
    public async Task<IReadOnlyList<PendingApproval>> PendingApprovalsAsync(CrmPrincipal principal, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var model = registry.Current;
        var s = Sql.Quote(registry.Names.SystemSchema);
        var pending = new List<PendingApproval>();
        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        foreach (var (entityName, workflows) in catalogs.For(model).ByEntity)
        {
            var entity = workflows[0].Entity;
            // (workflow, step, role) of the approval steps this reader decides on.
            var steps = workflows.SelectMany(w => w.Definition.Steps
                    .Where(st => st.Approval is { } a && (principal.IsAdministrator || principal.Roles.Contains(a.Role)))
                    .Select(st => (Workflow: w.Name, Step: st.Name, st.Approval!.Role)))
                .ToArray();
            if (steps.Length == 0) continue;
            try
            {
                access.Authorize(principal, entity, RecordOperation.Read);
            }
            catch (CrmException)
            {
                continue;
            }
            var builder = new Query.SqlQueryBuilder(model, entity);
            // The record is joined anyway (title, owner), so the role's row filter applies to it directly.
            var scope = access.RowFilter(principal, entity, RecordOperation.Read, builder.AddParameter);
            var title = entity.Definition.PrimaryField is { } primary && entity.FindField(primary) is { } field
                && !access.HiddenFields(principal, entity).Contains(primary) ? $"t0.{field.Column}::text" : "NULL::text";
            await using var command = new NpgsqlCommand(
                $"""
                 SELECT ws.record_id, {title}, ws.workflow, ws.step, a.role, ws.step_entered_at, ws.step_due_at, ws.sla_state, t0."owner"
                 FROM {s}.workflow_state ws
                 JOIN unnest(@workflows, @steps, @roles) AS a(workflow, step, role) ON a.workflow = ws.workflow AND a.step = ws.step
                 JOIN {entity.Table} t0 ON t0."id" = ws.record_id AND t0."deleted_at" IS NULL
                 WHERE ws.entity = @entity AND ws.resolved_at IS NULL{(scope is null ? "" : $" AND ({scope})")}
                 ORDER BY ws.step_entered_at, ws.record_id
                 LIMIT @limit
                 """, connection);
            command.Parameters.AddWithValue("workflows", steps.Select(x => x.Workflow).ToArray());
            command.Parameters.AddWithValue("steps", steps.Select(x => x.Step).ToArray());
            command.Parameters.AddWithValue("roles", steps.Select(x => x.Role).ToArray());
            command.Parameters.AddWithValue("entity", entityName);
            command.Parameters.AddWithValue("limit", MaxPending);
            command.Parameters.AddRange(builder.Parameters.ToArray());
            await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
                pending.Add(new PendingApproval
                {
                    Entity = entityName, RecordId = reader.GetGuid(0), Title = reader.IsDBNull(1) ? null : reader.GetString(1),
                    Workflow = reader.GetString(2), Step = reader.GetString(3), Role = reader.GetString(4),
                    WaitingSince = DateTime.SpecifyKind(reader.GetDateTime(5), DateTimeKind.Utc),
                    StepDueAt = reader.IsDBNull(6) ? null : DateTime.SpecifyKind(reader.GetDateTime(6), DateTimeKind.Utc),
                    SlaState = reader.IsDBNull(7) ? null : reader.GetString(7), Owner = reader.GetGuid(8),
                });
        }
        return pending.OrderBy(p => p.WaitingSince).ThenBy(p => p.RecordId).Take(MaxPending).ToList();
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
