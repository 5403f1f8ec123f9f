namespace NoCodeCrm.Engine.Automation.Outbox;

/// <summary>
/// Something automation must react to, written in the transaction that caused it: a record write
/// (<c>record.created</c>, <c>record.updated</c>, <c>record.deleted</c>), an inbound <c>event</c>, a <c>schedule</c> tick or a
/// <c>dateRelative</c> occurrence. <see cref="Rule"/> names the one rule a schedule or occurrence is for.
/// </summary>
public sealed record OutboxEvent(string Type, string? Entity, Guid? RecordId, string PayloadJson, int Depth = 0, string? Rule = null);
