using NoCodeCrm.Engine.Records;
using NoCodeCrm.Engine.Security;

namespace NoCodeCrm.Engine.Automation.Compiled;

/// <summary>A rule's condition compiled once per model version; the rule engine provides it.</summary>
public interface IAutomationCondition
{
    /// <summary>Lookup fields whose records must be in <see cref="StoredRecord.Expanded"/> before evaluating.</summary>
    IReadOnlyList<string> LookupPaths { get; }

    bool Evaluate(StoredRecord record, StoredRecord? previous, CrmPrincipal user, DateTimeOffset now);
}
