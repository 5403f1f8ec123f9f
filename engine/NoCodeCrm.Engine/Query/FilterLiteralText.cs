using System.Globalization;
using System.Text;

namespace NoCodeCrm.Engine.Query;

/// <summary>
/// Reads and writes the text of <c>$filter</c> literals. Shared by <see cref="FilterLexer"/> (to validate what it scans)
/// and <see cref="FilterLiteral"/> (to compute typed values), so both agree on every rule.
/// </summary>
internal static class FilterLiteralText
{
    private const NumberStyles NumberStyle =
        NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;

    /// <summary>Reads <c>'it''s'</c> as <c>it's</c>. Fails on a missing or lone quote, on NUL (which PostgreSQL text cannot hold) and on half a surrogate pair.</summary>
    public static bool TryUnquote(string text, out string value)
    {
        value = string.Empty;
        if (text.Length < 2 || text[0] != '\'' || text[^1] != '\'')
            return false;
        var builder = new StringBuilder(text.Length - 2);
        for (var i = 1; i < text.Length - 1; i++)
        {
            var c = text[i];
            if (c == '\0' || (char.IsSurrogate(c) && !(char.IsHighSurrogate(c) && char.IsLowSurrogate(text[i + 1]))))
                return false;
            if (char.IsHighSurrogate(c))
            {
                builder.Append(c).Append(text[++i]);
                continue;
            }
            if (c == '\'')
            {
                if (i + 1 >= text.Length - 1 || text[i + 1] != '\'')
                    return false;
                i++;
            }
            builder.Append(c);
        }
        value = builder.ToString();
        return true;
    }

    public static string Quote(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    /// <summary>True for <c>-?digits(.digits)?([eE][+-]?digits)?</c>.</summary>
    public static bool IsNumberSyntax(ReadOnlySpan<char> text)
    {
        var i = 0;
        if (i < text.Length && text[i] == '-')
            i++;
        if (!SkipDigits(text, ref i))
            return false;
        if (i < text.Length && text[i] == '.')
        {
            i++;
            if (!SkipDigits(text, ref i))
                return false;
        }
        if (i < text.Length && text[i] is 'e' or 'E')
        {
            i++;
            if (i < text.Length && text[i] is '+' or '-')
                i++;
            if (!SkipDigits(text, ref i))
                return false;
        }
        return i == text.Length;
    }

    /// <summary>
    /// Reads a number into a <see cref="decimal"/>. Fails when the syntax is wrong or the value does not fit:
    /// too large, or so small that it would round to zero. Digits beyond decimal's 28–29 significant ones are
    /// rounded; the literal's text keeps them.
    /// </summary>
    public static bool TryParseNumber(string text, out decimal value)
    {
        value = 0;
        if (!IsNumberSyntax(text) || !decimal.TryParse(text, NumberStyle, CultureInfo.InvariantCulture, out value))
            return false;
        // decimal.Parse turns 1e-40 into 0 without complaint; a non-zero mantissa that became zero is out of range.
        if (value == 0 && HasNonZeroMantissa(text))
            return false;
        return true;
    }

    public static string FormatNumber(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    public static bool TryParseDate(string text, out DateOnly value)
    {
        value = default;
        return text.Length == 10 && IsDateSyntax(text) &&
            DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out value);
    }

    public static string FormatDate(DateOnly value) => value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>True for <c>dddd-dd-dd</c> at the start of <paramref name="text"/> (not checking the calendar).</summary>
    public static bool IsDateSyntax(ReadOnlySpan<char> text) =>
        text.Length >= 10 &&
        char.IsAsciiDigit(text[0]) && char.IsAsciiDigit(text[1]) && char.IsAsciiDigit(text[2]) && char.IsAsciiDigit(text[3]) &&
        text[4] == '-' && char.IsAsciiDigit(text[5]) && char.IsAsciiDigit(text[6]) &&
        text[7] == '-' && char.IsAsciiDigit(text[8]) && char.IsAsciiDigit(text[9]);

    /// <summary>
    /// Reads <c>yyyy-MM-ddThh:mm[:ss[.f{1,7}]]</c> followed by <c>Z</c> or <c>±hh:mm</c>, normalised to UTC.
    /// A date-time without a zone is refused: guessing the server's zone would shift every value silently.
    /// </summary>
    public static bool TryParseDateTime(string text, out DateTimeOffset value)
    {
        value = default;
        if (!TryParseDate(text.Length >= 10 ? text[..10] : text, out var date) || text.Length < 16 || text[10] != 'T')
            return false;
        var i = 11;
        if (!TryReadTwoDigits(text, ref i, out var hour) || !TryRead(text, ref i, ':') || !TryReadTwoDigits(text, ref i, out var minute))
            return false;
        var second = 0;
        long fractionTicks = 0;
        if (i < text.Length && text[i] == ':')
        {
            i++;
            if (!TryReadTwoDigits(text, ref i, out second))
                return false;
            if (i < text.Length && text[i] == '.')
            {
                i++;
                var start = i;
                while (i < text.Length && char.IsAsciiDigit(text[i]))
                    i++;
                var digits = i - start;
                if (digits is 0 or > 7)
                    return false;
                fractionTicks = long.Parse(text.AsSpan(start, digits), CultureInfo.InvariantCulture);
                for (var d = digits; d < 7; d++)
                    fractionTicks *= 10;
            }
        }
        TimeSpan offset;
        if (i < text.Length && text[i] == 'Z')
        {
            i++;
            offset = TimeSpan.Zero;
        }
        else if (i < text.Length && text[i] is '+' or '-')
        {
            var negative = text[i] == '-';
            i++;
            if (!TryReadTwoDigits(text, ref i, out var offsetHours) || !TryRead(text, ref i, ':') ||
                !TryReadTwoDigits(text, ref i, out var offsetMinutes) || offsetMinutes > 59)
                return false;
            offset = new TimeSpan(offsetHours, offsetMinutes, 0);
            if (negative)
                offset = -offset;
        }
        else
        {
            return false;
        }
        if (i != text.Length || hour > 23 || minute > 59 || second > 59 || offset.Duration() > TimeSpan.FromHours(14))
            return false;
        try
        {
            value = new DateTimeOffset(date.Year, date.Month, date.Day, hour, minute, second, offset)
                .AddTicks(fractionTicks)
                .ToUniversalTime();
            return true;
        }
        catch (ArgumentOutOfRangeException)
        {
            // Only at the very ends of the calendar, e.g. 0001-01-01T00:00+01:00 is before DateTimeOffset.MinValue in UTC.
            return false;
        }
    }

    public static string FormatDateTime(DateTimeOffset value) =>
        value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    /// <summary>True for the 8-4-4-4-12 hexadecimal shape at the start of <paramref name="text"/>.</summary>
    public static bool IsGuidSyntax(ReadOnlySpan<char> text)
    {
        if (text.Length < 36)
            return false;
        for (var i = 0; i < 36; i++)
        {
            var dash = i is 8 or 13 or 18 or 23;
            if (dash ? text[i] != '-' : !char.IsAsciiHexDigit(text[i]))
                return false;
        }
        return true;
    }

    public static bool TryParseGuid(string text, out Guid value)
    {
        value = default;
        return text.Length == 36 && IsGuidSyntax(text) && Guid.TryParseExact(text, "D", out value);
    }

    public static string FormatGuid(Guid value) => value.ToString("D");

    private static bool SkipDigits(ReadOnlySpan<char> text, ref int i)
    {
        var start = i;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
            i++;
        return i > start;
    }

    private static bool HasNonZeroMantissa(string text)
    {
        foreach (var c in text)
        {
            if (c is 'e' or 'E')
                return false;
            if (c is >= '1' and <= '9')
                return true;
        }
        return false;
    }

    private static bool TryReadTwoDigits(string text, ref int i, out int value)
    {
        value = 0;
        if (i + 2 > text.Length || !char.IsAsciiDigit(text[i]) || !char.IsAsciiDigit(text[i + 1]))
            return false;
        value = ((text[i] - '0') * 10) + (text[i + 1] - '0');
        i += 2;
        return true;
    }

    private static bool TryRead(string text, ref int i, char expected)
    {
        if (i >= text.Length || text[i] != expected)
            return false;
        i++;
        return true;
    }
}
