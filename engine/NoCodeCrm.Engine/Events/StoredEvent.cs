using System.Text.Json;

namespace NoCodeCrm.Engine.Events;

/// <summary>One row of <c>crm_system.event</c>, as a record's timeline shows it.</summary>
public sealed record StoredEvent(
    Guid Id,
    string Type,
    string Entity,
    Guid RecordId,
    DateTime OccurredAt,
    DateTime ReceivedAt,
    JsonElement Data,
    string Source,
    Guid? MessageId);
