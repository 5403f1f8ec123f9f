using System.Globalization;
using NoCodeCrm.Engine.Metadata.Workflows;

namespace NoCodeCrm.Engine.Workflows;

/// <summary>
/// Adds working time to a moment: whole days step to the same time on the next business day, hours and minutes run only while
/// open. Without a calendar every moment is working time.
/// </summary>
public sealed class BusinessCalendar
{
    public static readonly BusinessCalendar AlwaysOpen = new(null);

    private readonly TimeZoneInfo _zone = TimeZoneInfo.Utc;
    private readonly List<(TimeSpan From, TimeSpan To)>[] _week = new List<(TimeSpan, TimeSpan)>[7];
    private readonly HashSet<DateOnly> _holidays = [];
    private readonly bool _alwaysOpen;

    public BusinessCalendar(CalendarDefinition? definition)
    {
        for (var d = 0; d < 7; d++) _week[d] = [];
        _alwaysOpen = definition is null;
        if (definition is null) return;
        if (Scheduling.TriggerSettings.TryResolveTimeZone(definition.TimeZone, out var zone)) _zone = zone;
        foreach (var hours in definition.Hours)
        {
            if (!TryTime(hours.From, out var from) || !TryTime(hours.To, out var to) || to <= from) continue;
            foreach (var day in hours.Days)
                if (TryDay(day, out var dow)) _week[(int)dow].Add((from, to));
        }
        foreach (var list in _week) list.Sort();
        foreach (var holiday in definition.Holidays)
            if (DateOnly.TryParseExact(holiday, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) _holidays.Add(date);
        // A calendar open on no day would never let time pass; treat it as always open rather than hang the SLA.
        _alwaysOpen = _week.All(l => l.Count == 0);
    }

    /// <summary>The moment <paramref name="days"/> business days and <paramref name="time"/> working time after <paramref name="start"/>.</summary>
    public DateTimeOffset Add(DateTimeOffset start, int days, TimeSpan time)
    {
        if (_alwaysOpen) return start + TimeSpan.FromDays(days) + time;
        var local = TimeZoneInfo.ConvertTime(start, _zone).DateTime;
        for (var i = 0; i < days; i++)
        {
            var date = DateOnly.FromDateTime(local).AddDays(1);
            while (!IsBusinessDay(date)) date = date.AddDays(1);
            local = Clamp(date, local.TimeOfDay);
        }
        var left = time;
        // Walks the open intervals from the current local moment; bounded because some day of the week is open.
        for (var guard = 0; guard < 100_000; guard++)
        {
            var date = DateOnly.FromDateTime(local);
            if (IsBusinessDay(date))
                foreach (var (from, to) in _week[(int)date.DayOfWeek])
                {
                    var open = date.ToDateTime(TimeOnly.MinValue) + from;
                    var close = date.ToDateTime(TimeOnly.MinValue) + to;
                    if (close <= local) continue;
                    if (local < open) local = open;
                    var available = close - local;
                    if (left <= available) return ToUtc(local + left);
                    left -= available;
                    local = close;
                }
            local = date.AddDays(1).ToDateTime(TimeOnly.MinValue);
        }
        throw new InvalidOperationException("The business calendar has no open time to count.");
    }

    /// <summary>How much working time lies between two moments (zero when <paramref name="to"/> is not later).</summary>
    public TimeSpan WorkingTime(DateTimeOffset from, DateTimeOffset to)
    {
        if (to <= from) return TimeSpan.Zero;
        if (_alwaysOpen) return to - from;
        var local = TimeZoneInfo.ConvertTime(from, _zone).DateTime;
        var end = TimeZoneInfo.ConvertTime(to, _zone).DateTime;
        var total = TimeSpan.Zero;
        for (var date = DateOnly.FromDateTime(local); date.ToDateTime(TimeOnly.MinValue) < end; date = date.AddDays(1))
        {
            if (!IsBusinessDay(date)) continue;
            foreach (var (open, close) in _week[(int)date.DayOfWeek])
            {
                var a = Max(date.ToDateTime(TimeOnly.MinValue) + open, local);
                var b = Min(date.ToDateTime(TimeOnly.MinValue) + close, end);
                if (b > a) total += b - a;
            }
        }
        return total;
    }

    private static DateTime Max(DateTime a, DateTime b) => a > b ? a : b;
    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;

    private bool IsBusinessDay(DateOnly date) => _week[(int)date.DayOfWeek].Count > 0 && !_holidays.Contains(date);

    // The same time of day on another business day, kept inside that day's hours.
    private DateTime Clamp(DateOnly date, TimeSpan timeOfDay)
    {
        var hours = _week[(int)date.DayOfWeek];
        var first = hours[0].From;
        var last = hours[^1].To;
        var at = timeOfDay < first ? first : timeOfDay > last ? last : timeOfDay;
        return date.ToDateTime(TimeOnly.MinValue) + at;
    }

    private DateTimeOffset ToUtc(DateTime local)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        // A moment skipped by a clock change does not exist locally: an hour later does.
        if (_zone.IsInvalidTime(unspecified)) unspecified = unspecified.AddHours(1);
        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(unspecified, _zone), TimeSpan.Zero);
    }

    internal static bool TryTime(string text, out TimeSpan time)
    {
        time = default;
        if (text == "24:00")
        {
            time = TimeSpan.FromHours(24);
            return true;
        }
        return TimeSpan.TryParseExact(text, @"hh\:mm", CultureInfo.InvariantCulture, out time);
    }

    internal static bool TryDay(string text, out DayOfWeek day)
    {
        day = text switch
        {
            "monday" => DayOfWeek.Monday, "tuesday" => DayOfWeek.Tuesday, "wednesday" => DayOfWeek.Wednesday, "thursday" => DayOfWeek.Thursday,
            "friday" => DayOfWeek.Friday, "saturday" => DayOfWeek.Saturday, "sunday" => DayOfWeek.Sunday, _ => (DayOfWeek)(-1),
        };
        return (int)day >= 0;
    }
}
