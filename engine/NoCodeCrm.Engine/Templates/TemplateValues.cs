using System.Collections;
using System.Globalization;
using System.Text.Json;
using Scriban.Runtime;

namespace NoCodeCrm.Engine.Templates;

/// <summary>
/// Turns CLR values into what templates may see: strings, numbers, booleans, dates and frozen ScriptObjects/ScriptArrays.
/// Nothing else gets in, so no template reaches a .NET object's members.
/// </summary>
public static class TemplateValues
{
    /// <summary>Converts a value; throws <see cref="ArgumentException"/> for a type templates must not see.</summary>
    public static object? From(object? value) => value switch
    {
        null or DBNull => null,
        string or bool or int or long or decimal or double or TimeSpan => value,
        short s => (int)s,
        float f => (double)f,
        DateTime d => d.Kind == DateTimeKind.Unspecified ? d : d.ToUniversalTime(),
        DateTimeOffset o => o.UtcDateTime,
        DateOnly d => d.ToDateTime(TimeOnly.MinValue),
        Guid g => g.ToString(),
        JsonElement json => FromJson(json),
        ScriptObject or ScriptArray => value,
        IEnumerable<KeyValuePair<string, object?>> pairs => Freeze(ObjectOf(pairs)),
        IDictionary dictionary => Freeze(ObjectOf(dictionary.Cast<DictionaryEntry>()
            .Select(e => new KeyValuePair<string, object?>(Convert.ToString(e.Key, CultureInfo.InvariantCulture) ?? "", e.Value)))),
        IEnumerable items => Freeze(ArrayOf(items.Cast<object?>())),
        _ => throw new ArgumentException($"A {value.GetType().Name} cannot be given to a template; pass its values instead.", nameof(value)),
    };

    private static object? FromJson(JsonElement json) => json.ValueKind switch
    {
        // Strings stay strings, dates in them too: date.parse turns one into a date when a template needs it.
        JsonValueKind.String => json.GetString(),
        JsonValueKind.Number => json.TryGetInt64(out var l) ? l : json.TryGetDecimal(out var m) ? m : json.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Object => Freeze(ObjectOf(json.EnumerateObject().Select(p => new KeyValuePair<string, object?>(p.Name, p.Value)))),
        JsonValueKind.Array => Freeze(ArrayOf(json.EnumerateArray().Select(e => (object?)e))),
        _ => null,
    };

    private static ScriptObject ObjectOf(IEnumerable<KeyValuePair<string, object?>> pairs)
    {
        var result = new ScriptObject();
        foreach (var (key, value) in pairs) result[key] = From(value);
        return result;
    }

    private static ScriptArray ArrayOf(IEnumerable<object?> items)
    {
        var result = new ScriptArray();
        foreach (var item in items) result.Add(From(item));
        return result;
    }

    /// <summary>Makes data read-only: a template may not change what the next template rendered with the same data sees.</summary>
    internal static T Freeze<T>(T value) where T : class
    {
        switch (value)
        {
            case ScriptObject scriptObject: scriptObject.IsReadOnly = true; break;
            case ScriptArray array: array.IsReadOnly = true; break;
        }
        return value;
    }
}
