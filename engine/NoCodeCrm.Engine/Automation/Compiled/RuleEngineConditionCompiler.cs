using Npgsql;
using NoCodeCrm.Engine.Compiled;
using NoCodeCrm.Engine.Metadata.Conditions;
using NoCodeCrm.Engine.Records;
using NoCodeCrm.Engine.Rules;
using NoCodeCrm.Engine.Rules.Conditions;
using NoCodeCrm.Engine.Security;

namespace NoCodeCrm.Engine.Automation.Compiled;

/// <summary>Automation conditions as compiled by the rule engine: expression trees for condition trees, sandboxed Jint for scripts.</summary>
public sealed class RuleEngineConditionCompiler(RuleEngine rules) : IAutomationConditionCompiler
{
    public IAutomationCondition Compile(CompiledModel model, CompiledEntity entity, ConditionDefinition condition, string ruleName) =>
        new Condition(rules.CompileCondition(model, entity, condition, ruleName));

    public Task LoadLookupsAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, CompiledModel model, StoredRecord record,
        IReadOnlyList<string> lookupPaths, CancellationToken ct) =>
        RuleContextLoader.ExpandAsync(connection, tx, model, record, lookupPaths, ct);

    private sealed class Condition(CompiledCondition compiled) : IAutomationCondition
    {
        public IReadOnlyList<string> LookupPaths => compiled.LookupPaths;

        public bool Evaluate(StoredRecord record, StoredRecord? previous, CrmPrincipal user, DateTimeOffset now) =>
            compiled.Evaluate(new RuleContext(record, previous, user, now));
    }
}
