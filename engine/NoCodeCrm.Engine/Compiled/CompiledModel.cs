using System.Collections.Frozen;
using NoCodeCrm.Engine.Metadata;
using NoCodeCrm.Engine.Schema;

namespace NoCodeCrm.Engine.Compiled;

/// <summary>Everything the hot path needs for one published model version, built once and shared read-only.</summary>
public sealed class CompiledModel
{
    public CompiledModel(CrmModel model, SchemaNames names)
    {
        Model = model;
        Names = names;
        Collation = SchemaNames.Collation(model.Settings);
        Entities = model.Entities.Where(e => !e.Retired)
            .ToFrozenDictionary(e => e.Name, e => new CompiledEntity(e, model, names), StringComparer.Ordinal);
        _openApi = new Lazy<string>(() => OpenApi.OpenApiDocumentBuilder.Build(this));
        Relations = model.Relations.Where(r => !r.Retired).ToFrozenDictionary(r => r.Name, StringComparer.Ordinal);
        _rollups = new Lazy<NoCodeCrm.Engine.Rollups.RollupModel>(() => new NoCodeCrm.Engine.Rollups.RollupModel(this));
        _templates = new Lazy<Templates.TemplateSet>(() => new Templates.TemplateSet(model));
    }

    public CrmModel Model { get; }
    public int Version => Model.Version;
    public SchemaNames Names { get; }
    /// <summary>The quoted ICU collation of the model's language, for text sorting and case-insensitive matching.</summary>
    public string Collation { get; }
    public FrozenDictionary<string, CompiledEntity> Entities { get; }
    public FrozenDictionary<string, RelationDefinition> Relations { get; }

    private readonly Lazy<string> _openApi;
    private readonly Lazy<Templates.TemplateSet> _templates;

    /// <summary>The message templates of this version, parsed on first use.</summary>
    public Templates.TemplateSet Templates => _templates.Value;

    /// <summary>The OpenAPI document of this version, built on first request and then served as is.</summary>
    public string OpenApiJson => _openApi.Value;

    private readonly Lazy<NoCodeCrm.Engine.Rollups.RollupModel> _rollups;

    /// <summary>The rollup fields of this version with their prepared SQL, grouped by the lookup that feeds them.</summary>
    public NoCodeCrm.Engine.Rollups.RollupModel Rollups => _rollups.Value;

    public CompiledEntity? FindEntity(string name) => Entities.GetValueOrDefault(name);
}
