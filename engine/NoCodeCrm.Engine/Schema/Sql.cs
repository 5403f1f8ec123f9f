using System.Globalization;
using System.Text.RegularExpressions;

namespace NoCodeCrm.Engine.Schema;

/// <summary>The one identifier-quoting helper: every SQL identifier passes through here, values never do.</summary>
public static partial class Sql
{
    /// <summary>Quotes an identifier; refuses anything but lower-case letters, digits and underscores.</summary>
    public static string Quote(string identifier)
    {
        if (!SafeIdentifier().IsMatch(identifier))
            throw new ArgumentException($"'{identifier}' is not a safe SQL identifier.", nameof(identifier));
        return "\"" + identifier + "\"";
    }

    public static string Qualified(string schema, string name) => Quote(schema) + "." + Quote(name);

    /// <summary>A string literal for DDL, where parameters are not allowed (defaults, collation names).</summary>
    public static string Literal(string value)
    {
        if (value.Contains('\0', StringComparison.Ordinal)) throw new ArgumentException("NUL in a literal.", nameof(value));
        return "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
    }

    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex SafeIdentifier();
}
