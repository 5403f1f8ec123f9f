using System.Text.RegularExpressions;

namespace NoCodeCrm.Engine.Export;

/// <summary>
/// One CSV cell, safe to open in a spreadsheet: quoted when needed, and prefixed with an apostrophe when it starts with
/// = + - @ (or a tab or carriage return) so it shows as text instead of running as a formula. A phone number in
/// international form (<c>+905321234567</c>) is left alone: a plus followed only by digits can only be that number.
/// </summary>
public static partial class CsvCell
{
    public static string Of(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' && !PhoneNumber().IsMatch(value))
            value = "'" + value;
        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    [GeneratedRegex(@"^\+[0-9]{6,15}$", RegexOptions.CultureInvariant)]
    private static partial Regex PhoneNumber();
}
