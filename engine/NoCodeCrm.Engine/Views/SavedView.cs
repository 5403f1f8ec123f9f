using System.Text.Json;

namespace NoCodeCrm.Engine.Views;

/// <summary>A user's list view of one entity: the query it runs, who sees it, and the filter builder's conditions to show it again.</summary>
public sealed record SavedView
{
    public Guid Id { get; init; }
    public string Entity { get; init; } = "";
    public string Name { get; init; } = "";
    public Guid Owner { get; init; }
    public string? OwnerName { get; init; }
    /// <summary>private, team (the owner's teams) or everyone.</summary>
    public string Sharing { get; init; } = SavedViewSharing.Private;
    /// <summary>A <c>$filter</c> expression, checked against the model when saved.</summary>
    public string? Filter { get; init; }
    public string? OrderBy { get; init; }
    public string? Search { get; init; }
    /// <summary>The client's own description of the filter (the filter builder's rows), kept as given.</summary>
    public JsonElement? Conditions { get; init; }
    /// <summary>Whether the reading user may change or delete it: its owner, or an administrator.</summary>
    public bool Mine { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; init; }
}
