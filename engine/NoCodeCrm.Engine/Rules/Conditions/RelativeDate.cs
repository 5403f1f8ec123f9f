using System.Text.Json;

namespace NoCodeCrm.Engine.Rules.Conditions;

/// <summary>
/// A date counted from the moment of evaluation: <c>"today"</c>, <c>"now"</c>, <c>"yesterday"</c>, <c>"tomorrow"</c>,
/// or one of <c>{"daysAgo": n}</c>, <c>{"daysAhead": n}</c>, <c>{"monthsAgo": n}</c>, <c>{"monthsAhead": n}</c>,
/// <c>{"yearsAgo": n}</c>, <c>{"yearsAhead": n}</c>. Days are UTC calendar days.
/// </summary>
public sealed record RelativeDate(int Days, int Months, bool StartOfDay)
{
    public DateOnly ResolveDate(RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Today.AddMonths(Months).AddDays(Days);
    }

    public DateTime ResolveMoment(RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return StartOfDay
            ? DateTime.SpecifyKind(ResolveDate(context).ToDateTime(TimeOnly.MinValue), DateTimeKind.Utc)
            : context.Now.UtcDateTime.AddMonths(Months).AddDays(Days);
    }

    /// <summary>Reads a relative date, or returns null when the value is not one (it may still be a literal date).</summary>
    public static RelativeDate? TryRead(JsonElement value, out string? error)
    {
        error = null;
        if (value.ValueKind == JsonValueKind.String)
        {
            return value.GetString() switch
            {
                "today" => new RelativeDate(0, 0, true),
                "now" => new RelativeDate(0, 0, false),
                "yesterday" => new RelativeDate(-1, 0, true),
                "tomorrow" => new RelativeDate(1, 0, true),
                _ => null,
            };
        }
        if (value.ValueKind != JsonValueKind.Object) return null;
        var properties = value.EnumerateObject().ToArray();
        if (properties.Length != 1 || properties[0].Value.ValueKind != JsonValueKind.Number ||
            !properties[0].Value.TryGetInt32(out var n) || n is < 0 or > 100_000)
        {
            error = "A relative date is one property with a whole number of 0 or more, e.g. {\"daysAgo\": 90}.";
            return null;
        }
        RelativeDate? result = properties[0].Name switch
        {
            "daysAgo" => new RelativeDate(-n, 0, false),
            "daysAhead" => new RelativeDate(n, 0, false),
            "monthsAgo" when n <= 12_000 => new RelativeDate(0, -n, false),
            "monthsAhead" when n <= 12_000 => new RelativeDate(0, n, false),
            "yearsAgo" when n <= 1_000 => new RelativeDate(0, -12 * n, false),
            "yearsAhead" when n <= 1_000 => new RelativeDate(0, 12 * n, false),
            _ => null,
        };
        if (result is null) error = $"'{properties[0].Name}' is not a relative date; use daysAgo, daysAhead, monthsAgo, monthsAhead, yearsAgo or yearsAhead.";
        return result;
    }
}
