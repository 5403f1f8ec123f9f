using System.Collections.Frozen;

namespace NoCodeCrm.Engine.Query;

/// <summary>
/// The names, keywords and limits shared by <see cref="FilterParser"/> and <see cref="OrderByParser"/>.
/// </summary>
/// <remarks>
/// The limits protect the server from queries that are cheap to send and expensive to plan or run;
/// exceeding any of them is a <see cref="QuerySyntaxException"/>, never a silent truncation.
/// </remarks>
public static class QuerySyntax
{
    /// <summary>Longest <c>$filter</c> or <c>$orderby</c>, in UTF-16 characters.</summary>
    public const int MaxInputLength = 4000;

    /// <summary>Deepest nesting of parentheses and <c>not</c> in a <c>$filter</c>.</summary>
    public const int MaxNestingDepth = 32;

    /// <summary>Most conditions (comparisons, <c>has</c>, <c>in</c>, text functions) in one <c>$filter</c>.</summary>
    public const int MaxComparisons = 100;

    /// <summary>Most values in one <c>in (…)</c> list.</summary>
    public const int MaxInListItems = 1000;

    /// <summary>Most items in one <c>$orderby</c>.</summary>
    public const int MaxOrderByItems = 8;

    /// <summary>Most segments in one field path such as <c>company/parent/name</c>; each lookup step is a join.</summary>
    public const int MaxPathSegments = 8;

    /// <summary>Longest field name, as for API names in the metadata (PostgreSQL's identifier limit is 63 bytes).</summary>
    public const int MaxIdentifierLength = 63;

    /// <summary>
    /// Words that mean something in <c>$filter</c> wherever a field name could stand, so no path segment may be one of them.
    /// The metadata validator should refuse them as field names, or such fields cannot be filtered or sorted on.
    /// </summary>
    public static FrozenSet<string> ReservedWords { get; } = FrozenSet.Create(
        StringComparer.Ordinal,
        "and", "or", "not", "eq", "ne", "gt", "ge", "lt", "le", "has", "in", "true", "false", "null");

    /// <summary>
    /// True when <paramref name="name"/> matches <c>^[a-z][a-z0-9_]{0,62}$</c>. This is the security boundary:
    /// nothing else is ever accepted as a field name, so no name from a query can carry SQL.
    /// </summary>
    public static bool IsIdentifier(string? name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > MaxIdentifierLength || !char.IsAsciiLetterLower(name[0]))
            return false;
        foreach (var c in name)
            if (!char.IsAsciiLetterLower(c) && !char.IsAsciiDigit(c) && c != '_')
                return false;
        return true;
    }

    public static bool IsReservedWord(string name) => ReservedWords.Contains(name);

    internal static string Keyword(ComparisonOperator op) => op switch
    {
        ComparisonOperator.Eq => "eq",
        ComparisonOperator.Ne => "ne",
        ComparisonOperator.Gt => "gt",
        ComparisonOperator.Ge => "ge",
        ComparisonOperator.Lt => "lt",
        ComparisonOperator.Le => "le",
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, null),
    };

    internal static string Keyword(LogicalOperator op) => op switch
    {
        LogicalOperator.And => "and",
        LogicalOperator.Or => "or",
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, null),
    };

    internal static string Keyword(TextMatchKind kind) => kind switch
    {
        TextMatchKind.Contains => "contains",
        TextMatchKind.StartsWith => "startswith",
        TextMatchKind.EndsWith => "endswith",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    internal static ComparisonOperator? ComparisonOperatorFor(string keyword) => keyword switch
    {
        "eq" => ComparisonOperator.Eq,
        "ne" => ComparisonOperator.Ne,
        "gt" => ComparisonOperator.Gt,
        "ge" => ComparisonOperator.Ge,
        "lt" => ComparisonOperator.Lt,
        "le" => ComparisonOperator.Le,
        _ => null,
    };

    internal static TextMatchKind? TextMatchKindFor(string name) => name switch
    {
        "contains" => TextMatchKind.Contains,
        "startswith" => TextMatchKind.StartsWith,
        "endswith" => TextMatchKind.EndsWith,
        _ => null,
    };
}
