using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using NoCodeCrm.Engine.Compiled;
using NoCodeCrm.Engine.Errors;
using NoCodeCrm.Engine.Metadata.Conditions;
using NoCodeCrm.Engine.Rules.Conditions;
using NoCodeCrm.Engine.Rules.Pipeline;
using NoCodeCrm.Engine.Rules.Scripting;

namespace NoCodeCrm.Engine.Rules;

/// <summary>
/// The rule engine (one per process): compiles condition trees and rule scripts once per model version, and owns the
/// pool of sandboxed Jint engines every script runs on.
/// </summary>
public sealed class RuleEngine
{
    // Per model version: compiled artefacts live exactly as long as the compiled model they were built from.
    private readonly ConditionalWeakTable<CompiledModel, ModelRules> _models = [];

    public RuleEngine(RuleOptions? options = null)
    {
        Options = options ?? new RuleOptions();
        Pool = new ScriptEnginePool(Options);
    }

    public RuleOptions Options { get; }
    internal ScriptEnginePool Pool { get; }

    /// <summary>
    /// Compiles a condition tree of <paramref name="entity"/> (cached per model version and condition instance).
    /// An invalid condition throws a 422 <see cref="CrmException"/>; publishing has normally refused it already.
    /// </summary>
    public CompiledCondition CompileCondition(CompiledModel model, CompiledEntity entity, ConditionDefinition condition, string ruleName)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(entity);
        ArgumentNullException.ThrowIfNull(condition);
        return Rules(model).Conditions.GetOrAdd(condition, c => ConditionCompiler.Compile(model.Model, entity.Definition, c, ruleName, Pool));
    }

    /// <summary>Validates a condition against the model, adding every error with its JSON path (for automation metadata).</summary>
    public static void ValidateCondition(Metadata.CrmModel model, Metadata.EntityDefinition entity, ConditionDefinition condition, string path, List<CrmError> errors) =>
        ConditionCompiler.Validate(model, entity, condition, path, errors);

    /// <summary>Prepares a script for repeated evaluation; a syntax error throws a 422 naming line and column.</summary>
    public static RuleScript PrepareScript(string ruleName, string source)
    {
        var script = RuleScript.TryPrepare(ruleName, source, out var problems);
        if (script is not null) return script;
        var errors = problems.Select(p => new CrmError("$.script", "scriptSyntax", $"Line {p.Line}, column {p.Column}: {p.Message}")).ToList();
        throw CrmException.Invalid($"The script of rule '{ruleName}' does not parse.", errors);
    }

    /// <summary>
    /// Runs a script and returns its result as null, bool, double, string, DateTime (UTC) or string[]; a script error
    /// or limit hit throws a 422 <see cref="CrmException"/> with code <c>ruleFailed</c>.
    /// </summary>
    public object? EvaluateScript(RuleScript script, RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(script);
        ArgumentNullException.ThrowIfNull(context);
        return SandboxedEngine.ToClr(ScriptRunner.Run(Pool, script, context));
    }

    /// <summary>The defaults, formulas and validation rules of an entity, or null when it has none (the fast path).</summary>
    internal EntityRules? EntityRulesFor(CompiledModel model, CompiledEntity entity) =>
        Rules(model).Entities.GetOrAdd(entity.Name, _ => EntityRules.Build(model, entity, Pool));

    private ModelRules Rules(CompiledModel model) => _models.GetValue(model, _ => new ModelRules());

    private sealed class ModelRules
    {
        public ConcurrentDictionary<string, EntityRules?> Entities { get; } = new(StringComparer.Ordinal);
        public ConcurrentDictionary<ConditionDefinition, CompiledCondition> Conditions { get; } = new(ReferenceEqualityComparer.Instance);
    }
}
