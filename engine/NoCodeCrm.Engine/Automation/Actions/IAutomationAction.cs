using System.Text.Json.Nodes;
using NoCodeCrm.Engine.Metadata.Automation;

namespace NoCodeCrm.Engine.Automation.Actions;

/// <summary>Carries out one type of automation action; returns what the run log shows as its output.</summary>
public interface IAutomationAction
{
    ActionType Type { get; }

    /// <summary>Does the action (or, in a dry run, reports what it would do without any side effect).</summary>
    Task<JsonNode?> ExecuteAsync(ActionContext context, CancellationToken ct);
}
