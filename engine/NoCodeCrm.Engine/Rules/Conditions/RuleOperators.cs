using NoCodeCrm.Engine.Records;
using NoCodeCrm.Engine.Rules.Text;

namespace NoCodeCrm.Engine.Rules.Conditions;

/// <summary>
/// The comparisons compiled condition trees call. A null (absent) value satisfies no comparison but <c>ne</c>,
/// <c>notIn</c> and <c>isNull</c>; text matching is case-insensitive the Turkish way (<see cref="TurkishText.CaseKey"/>).
/// </summary>
public static class RuleOperators
{
    public static bool Eq<T>(object? value, T operand) where T : struct, IEquatable<T> => value is T x && x.Equals(operand);
    public static bool Ne<T>(object? value, T operand) where T : struct, IEquatable<T> => !(value is T x && x.Equals(operand));
    public static bool Gt<T>(object? value, T operand) where T : struct, IComparable<T> => value is T x && x.CompareTo(operand) > 0;
    public static bool Ge<T>(object? value, T operand) where T : struct, IComparable<T> => value is T x && x.CompareTo(operand) >= 0;
    public static bool Lt<T>(object? value, T operand) where T : struct, IComparable<T> => value is T x && x.CompareTo(operand) < 0;
    public static bool Le<T>(object? value, T operand) where T : struct, IComparable<T> => value is T x && x.CompareTo(operand) <= 0;

    public static bool EqText(object? value, string operand) => value is string s && string.Equals(s, operand, StringComparison.Ordinal);
    public static bool NeText(object? value, string operand) => !EqText(value, operand);

    public static bool In<T>(object? value, HashSet<T> operand) => value is T x && operand.Contains(x);
    public static bool NotIn<T>(object? value, HashSet<T> operand) => !In(value, operand);

    /// <summary>multiChoice <c>in</c>: at least one of the record's values is listed.</summary>
    public static bool HasAny(object? value, HashSet<string> operand) => value is string[] values && values.Any(operand.Contains);
    public static bool HasNone(object? value, HashSet<string> operand) => !HasAny(value, operand);
    public static bool Has(object? value, string operand) => value is string[] values && Array.IndexOf(values, operand) >= 0;

    /// <summary>The operand is already a case key.</summary>
    public static bool Contains(object? value, string operand) => value is string s && TurkishText.CaseKey(s).Contains(operand, StringComparison.Ordinal);
    public static bool StartsWith(object? value, string operand) => value is string s && TurkishText.CaseKey(s).StartsWith(operand, StringComparison.Ordinal);
    public static bool EndsWith(object? value, string operand) => value is string s && TurkishText.CaseKey(s).EndsWith(operand, StringComparison.Ordinal);

    /// <summary>Absent, an empty text or an empty multiChoice.</summary>
    public static bool IsNull(object? value) => value is null or string { Length: 0 } or string[] { Length: 0 };

    /// <summary>True on update when the field's value differs from the previous version; never on create.</summary>
    public static bool Changed(RuleContext context, int index)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Previous is { } previous && !SameValue(context.Record.Values[index], previous.Values[index]);
    }

    public static bool SameValue(object? a, object? b) => (a, b) switch
    {
        (null, null) => true,
        (string[] x, string[] y) => x.AsSpan().SequenceEqual(y),
        _ => Equals(a, b),
    };

    /// <summary>A field of a looked-up record (<c>company/sector</c>); null when a lookup on the way is empty or not expanded.</summary>
    public static object? Related(StoredRecord record, string[] lookups, int index)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(lookups);
        var current = record;
        foreach (var lookup in lookups)
        {
            if (current.Expanded is null || !current.Expanded.TryGetValue(lookup, out var next) || next is null) return null;
            current = next;
        }
        return current.Values[index];
    }
}
