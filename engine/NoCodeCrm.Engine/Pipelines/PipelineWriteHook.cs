using Dapper;
using NoCodeCrm.Engine.Compiled;
using NoCodeCrm.Engine.Errors;
using NoCodeCrm.Engine.Metadata.Pipelines;
using NoCodeCrm.Engine.Records;
using NoCodeCrm.Engine.Schema;
using NoCodeCrm.Engine.Security;

namespace NoCodeCrm.Engine.Pipelines;

/// <summary>
/// Guards the stage field of records in a pipeline, in the writing transaction: a move the pipeline does not allow, a
/// stage outside it, or entering a stage without its required fields is refused (the write rolls back); an allowed move
/// appends to the stage history with the time spent in the stage left.
/// </summary>
/// <remarks>
/// Required fields are checked on entering a stage only: a deal already in "proposal" can still be edited while its
/// data is completed. The board's card move is an ordinary record update, so it takes this same path.
/// </remarks>
public sealed class PipelineWriteHook(ModelRegistry registry, TimeProvider time) : IRecordWriteHook
{
    public bool AppliesTo(CompiledEntity entity, RecordWriteOptions options) =>
        CompiledPipelines.For(registry.Current).ForEntity(entity.Name).Count > 0;

    public async Task AfterWriteAsync(RecordChange change, CancellationToken ct)
    {
        if (change.Operation == RecordOperation.Delete || change.Current is not { } current) return;
        // A restore brings a record back where it was; it is not a move.
        if (change.Previous?.DeletedAt is not null) return;
        foreach (var pipeline in CompiledPipelines.For(registry.Current).ForEntity(change.Entity.Name))
        {
            if (!pipeline.Covers(current)) continue;
            var field = pipeline.StageField.Name;
            var to = current[field] as string;
            var previous = change.Previous is { } p && pipeline.Covers(p) ? p : null;
            var from = previous?[field] as string;
            if (previous is not null && from == to) continue;
            var language = change.Principal.Language;
            if (to is null)
            {
                if (from is null) continue;
                throw Refused(field, "stageRequired", $"A record in the pipeline '{Label(pipeline, language)}' needs a stage.");
            }
            var target = pipeline.Stage(to) ?? throw Refused(field, "stageNotInPipeline",
                $"'{pipeline.StageLabel(to, language)}' is not a stage of the pipeline '{Label(pipeline, language)}'.");
            if (from is not null && pipeline.Stage(from) is { } source && !CompiledPipeline.Allows(source, target))
            {
                var allowed = pipeline.Allowed(source).Select(s => pipeline.StageLabel(s.Name, language)).ToList();
                var next = allowed.Count == 0 ? "it is a final stage" : "from there it can go to " + string.Join(", ", allowed);
                throw Refused(field, "stageTransitionNotAllowed",
                    $"A record cannot move from '{pipeline.StageLabel(from, language)}' to '{pipeline.StageLabel(to, language)}': {next}.");
            }
            var missing = target.RequiredFields.Where(f => IsEmpty(current[f])).ToList();
            if (missing.Count > 0)
            {
                var stage = pipeline.StageLabel(to, language);
                throw CrmException.Invalid($"Fill in {string.Join(", ", missing.Select(f => FieldLabel(change.Entity, f, language)))} to enter '{stage}'.",
                    missing.Select(f => new CrmError("$." + f, "requiredForStage", $"'{FieldLabel(change.Entity, f, language)}' is required to enter the stage '{stage}'.")).ToList());
            }
            await AppendAsync(change, pipeline, previous is null ? null : from, to, ct).ConfigureAwait(false);
        }
    }

    private async Task AppendAsync(RecordChange change, CompiledPipeline pipeline, string? from, string to, CancellationToken ct)
    {
        var record = change.Current!;
        var history = Sql.Qualified(registry.Names.SystemSchema, "stage_history");
        // The time in the stage left runs from the move into it, or from the record's creation when it has no history
        // (records that predate the pipeline).
        var sql = $"""
            INSERT INTO {history} (pipeline, entity, record_id, from_stage, to_stage, moved_at, moved_by, source, rule, seconds_in_from, owner, amount)
            VALUES (@pipeline, @entity, @id, @from, @to, @at, @by, @source, @rule,
                CASE WHEN @from::text IS NULL THEN NULL ELSE extract(epoch FROM @at - coalesce(
                    (SELECT h.moved_at FROM {history} h WHERE h.record_id = @id AND h.pipeline = @pipeline ORDER BY h.id DESC LIMIT 1), @created))::double precision END,
                @owner, @amount)
            """;
        await change.Connection.ExecuteAsync(new CommandDefinition(sql, new
        {
            pipeline = pipeline.Name,
            entity = pipeline.Entity.Name,
            id = record.Id,
            from,
            to,
            at = time.GetUtcNow(),
            by = change.Principal.UserId,
            source = change.Options.Source,
            rule = change.Options.Rule,
            created = record["created_at"] is DateTime created ? new DateTimeOffset(DateTime.SpecifyKind(created, DateTimeKind.Utc)) : time.GetUtcNow(),
            owner = record.Owner,
            amount = pipeline.AmountField is { } amount ? Convert.ToDecimal(record[amount.Name] ?? 0m, System.Globalization.CultureInfo.InvariantCulture) : (decimal?)null,
        }, change.Transaction, cancellationToken: ct)).ConfigureAwait(false);
    }

    private static bool IsEmpty(object? value) => value switch
    {
        null => true,
        string s => string.IsNullOrWhiteSpace(s),
        System.Collections.ICollection c => c.Count == 0,
        _ => false,
    };

    private static string Label(CompiledPipeline pipeline, string language) => pipeline.Definition.Label?.Get(language, "en") ?? pipeline.Name;

    private static string FieldLabel(CompiledEntity entity, string field, string language) =>
        entity.FindField(field)?.Definition.Label?.Get(language, "en") ?? field;

    private static CrmException Refused(string field, string code, string message) =>
        CrmException.Invalid(message, [new CrmError("$." + field, code, message)]);
}
