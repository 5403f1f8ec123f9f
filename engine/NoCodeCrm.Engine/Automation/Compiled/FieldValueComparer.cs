using System.Collections;

namespace NoCodeCrm.Engine.Automation.Compiled;

/// <summary>Compares record values as stored (numbers by value, multiChoice arrays element-wise) to tell whether a field changed.</summary>
public static class FieldValueComparer
{
    public static new bool Equals(object? a, object? b)
    {
        if (a is null || b is null) return a is null && b is null;
        if (a is string || b is string) return a.Equals(b);
        if (a is IEnumerable ea && b is IEnumerable eb) return ea.Cast<object?>().SequenceEqual(eb.Cast<object?>());
        if (IsNumber(a) && IsNumber(b)) return Convert.ToDecimal(a, System.Globalization.CultureInfo.InvariantCulture) == Convert.ToDecimal(b, System.Globalization.CultureInfo.InvariantCulture);
        return a.Equals(b);
    }

    private static bool IsNumber(object value) => value is int or long or decimal or double or float or short;
}
