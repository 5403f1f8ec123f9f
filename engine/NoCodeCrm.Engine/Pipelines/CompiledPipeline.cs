using System.Collections.Frozen;
using NoCodeCrm.Engine.Compiled;
using NoCodeCrm.Engine.Metadata.Pipelines;
using NoCodeCrm.Engine.Records;

namespace NoCodeCrm.Engine.Pipelines;

/// <summary>A pipeline resolved against one model version: its entity, stage, selector, amount and close-date fields, and stages by name.</summary>
public sealed class CompiledPipeline
{
    private readonly FrozenDictionary<string, int> _order;

    public CompiledPipeline(PipelineDefinition definition, CompiledEntity entity)
    {
        Definition = definition;
        Entity = entity;
        StageField = entity.FindField(definition.Field)!;
        SelectorField = definition.Selector is { } selector ? entity.FindField(selector.Field) : null;
        AmountField = Resolve(entity, definition.AmountField ?? "amount", PipelineValidator.IsNumber);
        CloseDateField = Resolve(entity, definition.CloseDateField ?? "expected_close_date",
            t => t is Metadata.FieldType.Date or Metadata.FieldType.Datetime);
        _order = definition.Stages.Select((s, i) => (s.Name, i)).ToFrozenDictionary(x => x.Name, x => x.i, StringComparer.Ordinal);
    }

    public PipelineDefinition Definition { get; }
    public string Name => Definition.Name;
    public CompiledEntity Entity { get; }
    public CompiledField StageField { get; }
    public CompiledField? SelectorField { get; }
    public CompiledField? AmountField { get; }
    public CompiledField? CloseDateField { get; }

    public StageDefinition? Stage(string? name) => name is not null && _order.TryGetValue(name, out var i) ? Definition.Stages[i] : null;

    /// <summary>The stage's position in the pipeline, or -1.</summary>
    public int IndexOf(string name) => _order.GetValueOrDefault(name, -1);

    /// <summary>Whether the record belongs to this pipeline (its selector field holds the selector's value).</summary>
    public bool Covers(StoredRecord record) =>
        SelectorField is null || string.Equals(record[SelectorField.Name] as string, Definition.Selector!.Value, StringComparison.Ordinal);

    /// <summary>Whether a record may move from one stage to another (see <see cref="StageDefinition.Transitions"/>).</summary>
    public static bool Allows(StageDefinition from, StageDefinition to)
    {
        if (from.Transitions is { } allowed) return allowed.Contains(to.Name);
        return from.Outcome is null;
    }

    /// <summary>The stages a record in <paramref name="from"/> may move to.</summary>
    public IEnumerable<StageDefinition> Allowed(StageDefinition from) =>
        Definition.Stages.Where(s => s.Name != from.Name && Allows(from, s));

    /// <summary>The stage's label in the language: its own, else the stage field option's, else its name.</summary>
    public string StageLabel(string stage, string language) =>
        Stage(stage)?.Label?.Get(language, "en")
        ?? StageField.Definition.Options.FirstOrDefault(o => o.Value == stage)?.Label?.Get(language, "en")
        ?? stage;

    private static CompiledField? Resolve(CompiledEntity entity, string name, Func<Metadata.FieldType, bool> fits) =>
        entity.FindField(name) is { } field && !field.Definition.Retired && fits(field.Type) ? field : null;
}
