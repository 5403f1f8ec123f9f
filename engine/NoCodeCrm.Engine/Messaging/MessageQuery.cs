namespace NoCodeCrm.Engine.Messaging;

/// <summary>Filters of the message list (a record's timeline, or an administrator's view of a channel).</summary>
public sealed record MessageQuery(string? Entity = null, Guid? RecordId = null, string? Channel = null, string? Status = null, int Top = 50)
{
    public const int MaxTop = 500;
}
