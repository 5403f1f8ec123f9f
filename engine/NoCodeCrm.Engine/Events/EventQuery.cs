namespace NoCodeCrm.Engine.Events;

/// <summary>Filters of the event list; without an entity only administrators may list.</summary>
public sealed record EventQuery(string? Entity = null, Guid? RecordId = null, string? Type = null, int Top = 50)
{
    public const int MaxTop = 500;
}
