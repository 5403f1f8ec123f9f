namespace NoCodeCrm.Engine.Views;

/// <summary>Who besides its owner sees a saved view.</summary>
public static class SavedViewSharing
{
    public const string Private = "private";
    public const string Team = "team";
    public const string Everyone = "everyone";

    public static readonly IReadOnlyList<string> All = [Private, Team, Everyone];
}
