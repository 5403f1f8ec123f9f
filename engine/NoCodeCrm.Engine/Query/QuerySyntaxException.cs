namespace NoCodeCrm.Engine.Query;

/// <summary>
/// A <c>$filter</c> or <c>$orderby</c> that cannot be parsed. The message is meant for the API caller and names the
/// position, e.g. "Unexpected ';' at position 12: expected a comparison operator (eq, ne, gt, ge, lt, le, has, in)."
/// </summary>
public sealed class QuerySyntaxException : Exception
{
    public QuerySyntaxException(string parameter, int position, string message)
        : base(message)
    {
        Parameter = parameter;
        Position = position;
    }

    /// <summary>The query parameter that was wrong: <c>$filter</c> or <c>$orderby</c>.</summary>
    public string Parameter { get; }

    /// <summary>Zero-based character offset in the parameter's value where the problem was found.</summary>
    public int Position { get; }
}
