using System.Text.Json.Nodes;

namespace NoCodeCrm.Engine.Compliance;

/// <summary>Replaces a data subject's identifying values wherever they occur inside text or JSON strings (case-insensitively).</summary>
public sealed class ValueScrubber
{
    /// <summary>What an erased value becomes inside a longer text.</summary>
    public const string Marker = "[erased]";

    /// <summary>Values shorter than this are not searched for inside texts: "Al" would scramble unrelated words.</summary>
    public const int MinLength = 3;

    private readonly string[] _values;
    private readonly string _marker;

    /// <param name="values">The values to cut out.</param>
    /// <param name="marker">What each becomes; <see cref="Marker"/> unless the reader is to be told something else.</param>
    public ValueScrubber(IEnumerable<string> values, string marker = Marker)
    {
        ArgumentNullException.ThrowIfNull(values);
        _marker = marker;
        // Longest first, so "ayse.kaya@x.com" goes before "ayse" would break it apart.
        _values = values.Select(v => v.Trim()).Where(v => v.Length >= MinLength).Distinct(StringComparer.OrdinalIgnoreCase)
            .OrderByDescending(v => v.Length).ToArray();
    }

    public bool IsEmpty => _values.Length == 0;

    public string? Text(string? text)
    {
        if (text is null) return null;
        foreach (var value in _values)
            if (text.Contains(value, StringComparison.OrdinalIgnoreCase))
                text = text.Replace(value, _marker, StringComparison.OrdinalIgnoreCase);
        return text;
    }

    /// <summary>A copy of the JSON with every string (and property name) scrubbed; null stays null.</summary>
    public JsonNode? Json(JsonNode? node) => node switch
    {
        null => null,
        JsonObject o => Object(o),
        JsonArray a => new JsonArray(a.Select(Json).ToArray()),
        JsonValue v when v.TryGetValue<string>(out var s) => JsonValue.Create(Text(s)),
        _ => node.DeepClone(),
    };

    private JsonObject Object(JsonObject source)
    {
        // Indexer, not Add: two keys may scrub to the same name.
        var copy = new JsonObject();
        foreach (var (key, value) in source) copy[Text(key)!] = Json(value);
        return copy;
    }
}
