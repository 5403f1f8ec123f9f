using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace NoCodeCrm.Engine.Metadata;

/// <summary>A text given per language ("en", "tr", …), as labels and help texts are.</summary>
[JsonConverter(typeof(LocalizedTextJsonConverter))]
public sealed record LocalizedText(ImmutableSortedDictionary<string, string> Values)
{
    public static LocalizedText Of(string language, string text) =>
        new(ImmutableSortedDictionary<string, string>.Empty.Add(language, text));

    /// <summary>The text in the language asked for, else in the fallback language, else any.</summary>
    public string? Get(string language, string? fallbackLanguage = null)
    {
        if (Values.TryGetValue(language, out var text)) return text;
        if (fallbackLanguage is not null && Values.TryGetValue(fallbackLanguage, out text)) return text;
        return Values.Count > 0 ? Values.First().Value : null;
    }

    public bool Equals(LocalizedText? other) =>
        other is not null && Values.Count == other.Values.Count &&
        Values.All(kv => other.Values.TryGetValue(kv.Key, out var v) && v == kv.Value);

    public override int GetHashCode() => Values.Count;
}
