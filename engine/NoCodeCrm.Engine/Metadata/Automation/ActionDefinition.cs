using System.Collections.Immutable;
using System.Text.Json;
using NoCodeCrm.Engine.Metadata.Conditions;

namespace NoCodeCrm.Engine.Metadata.Automation;

/// <summary>One step of an automation rule; which properties apply depends on <see cref="Type"/>.</summary>
public sealed record ActionDefinition
{
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.Never)]
    public required ActionType Type { get; init; }
    /// <summary>createRecord: the entity of the new record.</summary>
    public string? Entity { get; init; }
    /// <summary>updateRecord and createRecord: field values; strings may be Scriban templates over the triggering record.</summary>
    public ImmutableDictionary<string, JsonElement>? Values { get; init; }
    /// <summary>assignOwner: a fixed user id.</summary>
    public Guid? User { get; init; }
    /// <summary>assignOwner: users taken in turn (round-robin).</summary>
    public ImmutableArray<Guid> Users { get; init; } = [];
    /// <summary>sendMessage: email, sms, whatsapp, push or notification.</summary>
    public string? Channel { get; init; }
    /// <summary>sendMessage: the template to render.</summary>
    public string? Template { get; init; }
    /// <summary>sendMessage: the recipient (a template); by default the record's e-mail or phone field for the channel.</summary>
    public string? To { get; init; }
    /// <summary>webhook: the URL to POST to.</summary>
    public string? Url { get; init; }
    /// <summary>webhook: seconds before the call counts as failed (default 10).</summary>
    public int? TimeoutSeconds { get; init; }
    /// <summary>wait: how long to wait before the next action.</summary>
    public int? Minutes { get; init; }
    public int? Hours { get; init; }
    public int? Days { get; init; }
    /// <summary>branch: the condition choosing <see cref="Then"/> or <see cref="Else"/>.</summary>
    public ConditionDefinition? Condition { get; init; }
    public ImmutableArray<ActionDefinition> Then { get; init; } = [];
    public ImmutableArray<ActionDefinition> Else { get; init; } = [];
}
