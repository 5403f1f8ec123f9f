using System.Collections.Immutable;

namespace NoCodeCrm.Engine.Query;

/// <summary>Parses <c>$orderby</c>: <c>path [asc|desc] ("," path [asc|desc])*</c>.</summary>
/// <remarks>At most <see cref="QuerySyntax.MaxOrderByItems"/> items, each path at most once (whatever its direction).</remarks>
public static class OrderByParser
{
    /// <summary>The query parameter name used in <see cref="QuerySyntaxException.Parameter"/>.</summary>
    public const string ParameterName = "$orderby";

    /// <exception cref="QuerySyntaxException">The text is not a valid sort order, or exceeds a limit.</exception>
    public static ImmutableArray<OrderByItem> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var cursor = TokenCursor.Create(text, ParameterName);
        var items = ImmutableArray.CreateBuilder<OrderByItem>();
        var seen = new HashSet<FieldPath>();
        while (true)
        {
            var path = cursor.ReadPath("a field name");
            if (items.Count == QuerySyntax.MaxOrderByItems)
            {
                throw cursor.Error(path.Position,
                    $"Too many sort fields at position {path.Position}: $orderby may have at most {QuerySyntax.MaxOrderByItems}.");
            }
            if (!seen.Add(path))
            {
                throw cursor.Error(path.Position,
                    $"Duplicate sort field '{path}' at position {path.Position}: each field may appear once in $orderby.");
            }
            var hasDirection = cursor.IsKeyword("asc") || cursor.IsKeyword("desc");
            var descending = hasDirection && cursor.Advance().Text == "desc";
            items.Add(new OrderByItem(path, descending));
            if (cursor.Current.Kind == FilterTokenKind.End)
                return items.ToImmutable();
            if (cursor.Current.Kind != FilterTokenKind.Comma)
                throw cursor.Unexpected(hasDirection ? "',' or end of input" : "'asc', 'desc', ',' or end of input");
            cursor.Advance();
        }
    }
}
