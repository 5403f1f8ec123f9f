using System.Text.Json;

namespace NoCodeCrm.Engine.Events;

/// <summary>
/// Something that happened to a record outside the CRM (see <see cref="EventTypes"/>). <see cref="Source"/> says who
/// reported it (<c>api</c>, <c>tracking</c>…); <see cref="MessageId"/> links tracking events to the message they are about.
/// </summary>
public sealed record InboundEvent(
    string Type,
    string Entity,
    Guid RecordId,
    DateTimeOffset? OccurredAt = null,
    JsonElement? Data = null,
    string Source = "api",
    Guid? MessageId = null);
