using System.Text.RegularExpressions;

namespace NoCodeCrm.Engine.Metadata;

/// <summary>The rule for API names of entities, fields, relations and option values; the only source of SQL identifiers.</summary>
public static partial class ApiName
{
    public const string PatternText = "^[a-z][a-z0-9_]{0,62}$";

    public static bool IsValid(string? name) => name is not null && Pattern().IsMatch(name) && !name.Contains("__", StringComparison.Ordinal);

    [GeneratedRegex(PatternText, RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
