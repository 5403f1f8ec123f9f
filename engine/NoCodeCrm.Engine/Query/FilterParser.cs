namespace NoCodeCrm.Engine.Query;

/// <summary>Parses the OData-style <c>$filter</c> subset into a <see cref="FilterExpression"/> tree.</summary>
/// <remarks>
/// <code>
/// filter     = or END
/// or         = and ("or" and)*
/// and        = unary ("and" unary)*
/// unary      = "not" unary | "(" or ")" | function | condition
/// function   = ("contains" | "startswith" | "endswith") "(" path "," string ")" [("eq" | "ne") ("true" | "false")]
/// condition  = path ( ("eq" | "ne" | "gt" | "ge" | "lt" | "le" | "has") literal | "in" "(" literal ("," literal)* ")" )
/// path       = name ("/" name)*
/// literal    = string | number | "true" | "false" | "null" | date | datetime | guid
/// </code>
/// Names are checked against <see cref="QuerySyntax.IsIdentifier"/> and must not be one of
/// <see cref="QuerySyntax.ReservedWords"/>. The limits in <see cref="QuerySyntax"/> apply.
/// </remarks>
public static class FilterParser
{
    /// <summary>The query parameter name used in <see cref="QuerySyntaxException.Parameter"/>.</summary>
    public const string ParameterName = "$filter";

    /// <exception cref="QuerySyntaxException">The text is not a valid filter, or exceeds a limit.</exception>
    public static FilterExpression Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return FilterExpressionReader.Read(TokenCursor.Create(text, ParameterName));
    }
}
