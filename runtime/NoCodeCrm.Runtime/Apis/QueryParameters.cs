using System.Globalization;
using NoCodeCrm.Engine.Errors;

namespace NoCodeCrm.Runtime.Apis;

/// <summary>Reads the simple query-string filters of the list routes, naming the parameter when it is malformed.</summary>
public static class QueryParameters
{
    public static string? Text(HttpRequest request, string name)
    {
        var value = request.Query[name].ToString();
        return string.IsNullOrWhiteSpace(value) ? null : value;
    }

    public static Guid? Id(HttpRequest request, string name)
    {
        var text = Text(request, name);
        if (text is null) return null;
        return Guid.TryParse(text, out var id) ? id : throw Bad(name, "Expected a record id (uuid).");
    }

    public static int Top(HttpRequest request, int fallback, int max)
    {
        var text = Text(request, "$top");
        if (text is null) return fallback;
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var top) && top >= 1 && top <= max
            ? top
            : throw Bad("$top", $"Expected a whole number from 1 to {max}.");
    }

    public static int Skip(HttpRequest request)
    {
        var text = Text(request, "$skip");
        if (text is null) return 0;
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var skip)
            ? skip
            : throw Bad("$skip", "Expected a whole number of 0 or more.");
    }

    public static bool Flag(HttpRequest request, string name) => Text(request, name) switch
    {
        null or "false" => false,
        "true" => true,
        _ => throw Bad(name, "Expected true or false."),
    };

    /// <summary>A moment with its offset (<c>2025-03-01T09:00:00Z</c>, <c>…+03:00</c>) or a date, read as midnight UTC.</summary>
    public static DateTimeOffset? Time(HttpRequest request, string name)
    {
        var text = Text(request, name);
        if (text is null) return null;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return new DateTimeOffset(date, TimeOnly.MinValue, TimeSpan.Zero);
        // A moment without an offset would silently mean the server's time zone; ask for one instead.
        return text.Length > 10 && (text.EndsWith('Z') || text.EndsWith('z') || text[^6] is '+' or '-')
               && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var moment)
            ? moment
            : throw Bad(name, "Expected a date (2025-03-01) or a moment with its offset (2025-03-01T09:00:00Z).");
    }

    public static string? OneOf(HttpRequest request, string name, IReadOnlyCollection<string> allowed)
    {
        var text = Text(request, name);
        return text is null || allowed.Contains(text) ? text : throw Bad(name, $"Expected one of {string.Join(", ", allowed)}.");
    }

    private static CrmException Bad(string name, string message) =>
        new(CrmErrorKind.BadRequest, "invalidParameter", $"The query parameter '{name}' is not valid.", [new CrmError(name, "invalidParameter", message)]);
}
