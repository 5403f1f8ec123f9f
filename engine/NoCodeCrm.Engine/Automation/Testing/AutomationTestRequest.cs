using System.Text.Json;
using NoCodeCrm.Engine.Metadata.Automation;

namespace NoCodeCrm.Engine.Automation.Testing;

/// <summary>
/// A simulated trigger: a record, the trigger type (or one named rule), for updates the changed values, for events the
/// event type and payload. Nothing is written, sent or called.
/// </summary>
public sealed record AutomationTestRequest
{
    public string? Entity { get; init; }
    public Guid? RecordId { get; init; }
    public TriggerType? Trigger { get; init; }
    /// <summary>Simulate just this rule, whatever its trigger.</summary>
    public string? Rule { get; init; }
    /// <summary>Simulate this rule as written, not yet published (the designer's working copy); checked like a publish would.</summary>
    public AutomationDefinition? Definition { get; init; }
    /// <summary>recordUpdated / fieldChanged: the values as if a user had just changed them.</summary>
    public Dictionary<string, JsonElement>? Changes { get; init; }
    public string? EventType { get; init; }
    public JsonElement? EventData { get; init; }
}
