using System.Text.RegularExpressions;

namespace NoCodeCrm.Engine.Events;

/// <summary>The event types the CRM knows, and the pattern custom types must follow (e.g. <c>webinar.attended</c>).</summary>
public static partial class EventTypes
{
    public const string EmailOpened = "email.opened";
    public const string EmailBounced = "email.bounced";
    public const string LinkClicked = "link.clicked";
    public const string FormSubmitted = "form.submitted";
    public const string PageVisited = "page.visited";

    public static readonly IReadOnlyList<string> Known = [EmailOpened, EmailBounced, LinkClicked, FormSubmitted, PageVisited];

    public const int MaxLength = 100;

    /// <summary>Lower-case words of letters, digits and underscores joined by dots, at most four of them.</summary>
    public static bool IsValid(string type) => type.Length <= MaxLength && Pattern().IsMatch(type);

    [GeneratedRegex("^[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*){0,3}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
