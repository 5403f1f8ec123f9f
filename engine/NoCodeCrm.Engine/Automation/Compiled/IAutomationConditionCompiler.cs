using Npgsql;
using NoCodeCrm.Engine.Compiled;
using NoCodeCrm.Engine.Records;
using NoCodeCrm.Engine.Metadata.Conditions;

namespace NoCodeCrm.Engine.Automation.Compiled;

/// <summary>Turns a condition tree into an <see cref="IAutomationCondition"/>; kept apart so automation does not depend on how rules run.</summary>
public interface IAutomationConditionCompiler
{
    IAutomationCondition Compile(CompiledModel model, CompiledEntity entity, ConditionDefinition condition, string ruleName);

    /// <summary>Loads the looked-up records a condition reads into <see cref="StoredRecord.Expanded"/>.</summary>
    Task LoadLookupsAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, CompiledModel model, StoredRecord record, IReadOnlyList<string> lookupPaths, CancellationToken ct);
}
