using System.Collections.Immutable;

namespace NoCodeCrm.Engine.Metadata;

/// <summary>The whole metadata document: one immutable version of what key users designed.</summary>
public sealed record CrmModel
{
    public static readonly CrmModel Empty = new();

    public int Version { get; init; }
    public ModelSettings Settings { get; init; } = ModelSettings.Default;
    public ImmutableArray<EntityDefinition> Entities { get; init; } = [];
    public ImmutableArray<RelationDefinition> Relations { get; init; } = [];
    // The sections below belong to later parts of the engine; they are kept verbatim until those parts type them.
    public ImmutableArray<Layout.FormDefinition> Forms { get; init; } = [];
    public ImmutableArray<Layout.ViewDefinition> Views { get; init; } = [];
    public ImmutableArray<Pipelines.PipelineDefinition> Pipelines { get; init; } = [];
    public ImmutableArray<Automation.AutomationDefinition> Automations { get; init; } = [];
    public ImmutableArray<Templates.TemplateDefinition> Templates { get; init; } = [];
    public ImmutableArray<Security.RoleDefinition> Roles { get; init; } = [];
    public ImmutableArray<Retention.RetentionPolicyDefinition> Retention { get; init; } = [];
    public ImmutableArray<Workflows.WorkflowDefinition> Workflows { get; init; } = [];
    public ImmutableArray<Workflows.CalendarDefinition> Calendars { get; init; } = [];

    public EntityDefinition? FindEntity(string name)
    {
        foreach (var entity in Entities)
            if (entity.Name == name) return entity;
        return null;
    }

    public Templates.TemplateDefinition? FindTemplate(string name)
    {
        foreach (var template in Templates)
            if (template.Name == name) return template;
        return null;
    }

    public RelationDefinition? FindRelation(string name)
    {
        foreach (var relation in Relations)
            if (relation.Name == name) return relation;
        return null;
    }
}
