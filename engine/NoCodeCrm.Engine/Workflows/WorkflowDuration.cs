using System.Text.RegularExpressions;

namespace NoCodeCrm.Engine.Workflows;

/// <summary>The ISO-8601 durations workflows use: days, hours, minutes (<c>P3D</c>, <c>PT4H</c>, <c>P1DT30M</c>); months and years have no fixed length, so none.</summary>
public static partial class WorkflowDuration
{
    public static bool TryParse(string? text, out int days, out TimeSpan time)
    {
        days = 0;
        time = TimeSpan.Zero;
        if (text is null) return false;
        var match = Pattern().Match(text);
        if (!match.Success || text is "P" or "PT") return false;
        days = Number(match.Groups["d"]) + 7 * Number(match.Groups["w"]);
        time = TimeSpan.FromHours(Number(match.Groups["h"])) + TimeSpan.FromMinutes(Number(match.Groups["m"]));
        return days + time.TotalMinutes > 0 && days <= 3650;
    }

    private static int Number(Group group) => group.Success ? int.Parse(group.Value, System.Globalization.CultureInfo.InvariantCulture) : 0;

    [GeneratedRegex(@"^P(?:(?<w>\d{1,3})W)?(?:(?<d>\d{1,4})D)?(?:T(?:(?<h>\d{1,5})H)?(?:(?<m>\d{1,6})M)?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
