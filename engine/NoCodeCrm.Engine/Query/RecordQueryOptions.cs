using System.Globalization;
using NoCodeCrm.Engine.Errors;

namespace NoCodeCrm.Engine.Query;

/// <summary>The list options of the record API (<c>$filter $orderby $top $skip $select $count $expand $search</c>), parsed and capped.</summary>
public sealed record RecordQueryOptions
{
    public const int DefaultTop = 50;
    public const int MaxTop = 1000;
    public const int MaxSkip = 1_000_000;

    public FilterExpression? Filter { get; init; }
    public IReadOnlyList<OrderByItem> OrderBy { get; init; } = [];
    public int Top { get; init; } = DefaultTop;
    public int Skip { get; init; }
    public IReadOnlyList<string> Select { get; init; } = [];
    public bool Count { get; init; }
    public IReadOnlyList<string> Expand { get; init; } = [];
    public string? Search { get; init; }
    public bool IncludeDeleted { get; init; }

    public static RecordQueryOptions FromParameters(string? filter, string? orderBy, string? top, string? skip, string? select,
        string? count, string? expand, string? search, string? includeDeleted) => new()
    {
        Filter = string.IsNullOrWhiteSpace(filter) ? null : FilterParser.Parse(filter),
        OrderBy = string.IsNullOrWhiteSpace(orderBy) ? [] : OrderByParser.Parse(orderBy),
        Top = Number("$top", top, DefaultTop, 0, MaxTop),
        Skip = Number("$skip", skip, 0, 0, MaxSkip),
        Select = SplitList(select),
        Count = Flag("$count", count),
        Expand = SplitList(expand),
        Search = string.IsNullOrWhiteSpace(search) ? null : search.Trim().Length > 200 ? throw Bad("$search", "At most 200 characters.") : search.Trim(),
        IncludeDeleted = Flag("includeDeleted", includeDeleted),
    };

    public static IReadOnlyList<string> SplitList(string? text) =>
        string.IsNullOrWhiteSpace(text) ? [] : text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    private static int Number(string name, string? text, int fallback, int min, int max)
    {
        if (string.IsNullOrWhiteSpace(text)) return fallback;
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
            throw Bad(name, $"Expected a whole number from {min} to {max}.");
        return value;
    }

    private static bool Flag(string name, string? text) => text switch
    {
        null or "" or "false" => false,
        "true" => true,
        _ => throw Bad(name, "Expected true or false."),
    };

    private static CrmException Bad(string parameter, string message) =>
        new(CrmErrorKind.BadRequest, "invalidQuery", $"{parameter}: {message}", [new CrmError(parameter, "invalidQuery", message)]);
}
