using System.Runtime.CompilerServices;
using NoCodeCrm.Engine.Compiled;
using NoCodeCrm.Engine.Metadata;
using NoCodeCrm.Engine.Metadata.Automation;
using NoCodeCrm.Engine.Schema;

namespace NoCodeCrm.Engine.Scheduling;

/// <summary>
/// One enabled date-relative rule of a model version, resolved against its entity and field, with the sweep's SQL built once.
/// </summary>
public sealed class DateRelativeRule
{
    private static readonly ConditionalWeakTable<CompiledModel, IReadOnlyList<DateRelativeRule>> Cache = new();

    private DateRelativeRule(AutomationDefinition rule, CompiledEntity entity, CompiledField field, TimeZoneInfo zone, TimeOnly at, SchemaNames names)
    {
        Name = rule.Name;
        Entity = entity.Name;
        Field = field.Name;
        IsDate = field.Type == FieldType.Date;
        Zone = zone;
        At = at;
        OffsetDays = rule.Trigger.OffsetDays;
        Yearly = rule.Trigger.Yearly;
        Sql = BuildSql(entity, field, names);
    }

    public string Name { get; }
    public string Entity { get; }
    public string Field { get; }
    /// <summary>A date field falls due at <see cref="At"/> in <see cref="Zone"/>; a datetime field at its own moment.</summary>
    public bool IsDate { get; }
    public TimeZoneInfo Zone { get; }
    public TimeOnly At { get; }
    public int OffsetDays { get; }
    public bool Yearly { get; }
    internal string Sql { get; }

    /// <summary>The enabled date-relative rules of a model version whose entity and field still exist, built once per version.</summary>
    public static IReadOnlyList<DateRelativeRule> For(CompiledModel model) => Cache.GetValue(model, Build);

    private static List<DateRelativeRule> Build(CompiledModel model)
    {
        var rules = new List<DateRelativeRule>();
        foreach (var rule in model.Model.Automations)
        {
            var trigger = rule.Trigger;
            if (rule.Disabled || trigger is null || trigger.Type != TriggerType.DateRelative) continue;
            // Validation refuses these at publish; a rule that slips through is skipped rather than breaking every sweep.
            if (trigger.Entity is null || model.FindEntity(trigger.Entity) is not { } entity) continue;
            if (trigger.Field is null || entity.FindField(trigger.Field) is not { Type: FieldType.Date or FieldType.Datetime } field) continue;
            if (!TriggerSettings.TryResolveTimeZone(trigger.TimeZone, out var zone) || !TriggerSettings.TryParseTimeOfDay(trigger.At, out var at)) continue;
            if (Math.Abs((long)trigger.OffsetDays) > ScheduleTriggerValidator.MaxOffsetDays) continue;
            rules.Add(new DateRelativeRule(rule, entity, field, zone, at, model.Names));
        }
        return rules;
    }

    /// <summary>
    /// The local calendar days whose moment (the day at <see cref="At"/> in <see cref="Zone"/>) falls in (<paramref name="after"/>,
    /// <paramref name="upTo"/>], with that moment. For date fields these are the due days; a window of a minute usually has none.
    /// </summary>
    internal IEnumerable<(DateOnly Day, DateTimeOffset DueAt)> DueDays(DateTimeOffset after, DateTimeOffset upTo)
    {
        var first = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(after, Zone).DateTime).AddDays(-1);
        var last = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(upTo, Zone).DateTime).AddDays(1);
        for (var day = first; day <= last; day = day.AddDays(1))
        {
            var due = LocalToUtc(day.ToDateTime(At));
            if (due > after && due <= upTo) yield return (day, due);
        }
    }

    /// <summary>The local days the window touches, one day either side, for datetime fields whose time of day varies per record.</summary>
    internal IEnumerable<DateOnly> TouchedDays(DateTimeOffset after, DateTimeOffset upTo)
    {
        var first = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(after, Zone).DateTime).AddDays(-1);
        var last = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(upTo, Zone).DateTime).AddDays(1);
        for (var day = first; day <= last; day = day.AddDays(1)) yield return day;
    }

    private DateTimeOffset LocalToUtc(DateTime local)
    {
        // A time skipped by a spring-forward change happens an hour later, when the clock shows it again.
        if (Zone.IsInvalidTime(local)) local = local.AddHours(1);
        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), Zone), TimeSpan.Zero);
    }

    /// <summary>
    /// One statement: the candidate occurrences (record, occurrence day, due moment) inside the window, ledger rows for those not yet
    /// in the ledger, and an outbox event for each ledger row actually inserted. Parameters: rule, entity, zone, offset, after, upTo,
    /// and per variant either the due days (days, dues), the anniversaries (keys, occurrences[, dues]) or the datetime range (lo, hi).
    /// </summary>
    private string BuildSql(CompiledEntity entity, CompiledField field, SchemaNames names)
    {
        var s = Schema.Sql.Quote(names.SystemSchema);
        var col = "t." + field.Column;
        var live = $"t.{Schema.Sql.Quote(SystemColumns.DeletedAt)} IS NULL";
        var id = "t." + Schema.Sql.Quote(SystemColumns.Id);
        var local = $"({col} AT TIME ZONE @zone)";
        var candidates = (IsDate, Yearly) switch
        {
            // The field's date is the occurrence; only records on a due day are read (an index on the field serves this).
            (true, false) => $"""
                SELECT {id} AS record_id, c.day AS occurrence, c.due_at
                FROM {entity.Table} t JOIN unnest(@days, @dues) AS c(day, due_at) ON {col} = c.day
                WHERE {live}
                """,
            // Anniversaries: month and day match the key; 29 February also carries the key 02-29 on 28 February of other years.
            (true, true) => $"""
                SELECT {id} AS record_id, c.occurrence, c.due_at
                FROM {entity.Table} t JOIN unnest(@keys, @occurrences, @dues) AS c(key, occurrence, due_at)
                  ON to_char({col}, 'MM-DD') = c.key AND {col} <= c.occurrence
                WHERE {live}
                """,
            (false, false) => $"""
                SELECT {id} AS record_id, {local}::date AS occurrence,
                       ({local} + make_interval(days => @offset)) AT TIME ZONE @zone AS due_at
                FROM {entity.Table} t
                WHERE {col} > @lo AND {col} <= @hi AND {live}
                """,
            (false, true) => $"""
                SELECT {id} AS record_id, c.occurrence,
                       ((c.occurrence + {local}::time) + make_interval(days => @offset)) AT TIME ZONE @zone AS due_at
                FROM {entity.Table} t JOIN unnest(@keys, @occurrences) AS c(key, occurrence)
                  ON to_char({local}, 'MM-DD') = c.key AND {local}::date <= c.occurrence
                WHERE {live}
                """,
        };
        // A yearly rule catching up after a long downtime sends one greeting, this year's, not one per missed year.
        return $"""
            WITH candidate AS (
            {candidates}
            ),
            inserted AS (
                INSERT INTO {s}.date_relative_ledger (rule, record_id, occurrence, due_at)
                SELECT {(Yearly ? "DISTINCT ON (record_id) " : "")}@rule, record_id, occurrence, due_at FROM candidate
                WHERE due_at > @after AND due_at <= @upTo
                {(Yearly ? "ORDER BY record_id, occurrence DESC" : "")}
                ON CONFLICT DO NOTHING
                RETURNING record_id, occurrence, due_at
            )
            INSERT INTO {s}.outbox (type, entity, record_id, payload, depth, rule)
            SELECT 'dateRelative', @entity, record_id,
                   jsonb_build_object('occurrence', to_char(occurrence, 'YYYY-MM-DD'),
                                      'dueAt', to_char(due_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')),
                   0, @rule
            FROM inserted
            """;
    }
}
