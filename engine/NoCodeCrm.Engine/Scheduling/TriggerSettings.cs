using System.Globalization;
using Quartz;

namespace NoCodeCrm.Engine.Scheduling;

/// <summary>Reads the time settings of schedule and date-relative triggers: IANA zones, cron expressions and <c>HH:mm</c> times.</summary>
public static class TriggerSettings
{
    /// <summary>Finds an IANA zone (UTC when not given); false for an unknown one.</summary>
    public static bool TryResolveTimeZone(string? id, out TimeZoneInfo zone)
    {
        zone = TimeZoneInfo.Utc;
        if (string.IsNullOrWhiteSpace(id)) return true;
        // A non-IANA name (a Windows id, an abbreviation) may resolve on one machine and not another; only IANA ids are portable.
        if (!TimeZoneInfo.TryConvertIanaIdToWindowsId(id, out _) && id != "UTC") return false;
        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(id);
            return true;
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return false;
        }
    }

    /// <summary>Parses a Quartz cron expression (seconds first); the error says why it is not one.</summary>
    public static bool TryParseCron(string? text, out string? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "A schedule trigger needs a cron expression, e.g. \"0 0 9 ? * MON-FRI\".";
            return false;
        }
        try
        {
            _ = CronExpression.Parse(text);
            return true;
        }
        catch (FormatException ex)
        {
            error = ex.Message;
            return false;
        }
    }

    /// <summary>Reads a time of day written <c>HH:mm</c>; midnight when not given.</summary>
    public static bool TryParseTimeOfDay(string? text, out TimeOnly time)
    {
        time = TimeOnly.MinValue;
        if (string.IsNullOrEmpty(text)) return true;
        return TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out time);
    }
}
