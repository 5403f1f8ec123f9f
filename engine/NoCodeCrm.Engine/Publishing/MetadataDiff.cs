using System.Text.Json;

namespace NoCodeCrm.Engine.Publishing;

/// <summary>A readable diff of two metadata documents: arrays of named objects are matched by name, not position.</summary>
public static class MetadataDiff
{
    public static IReadOnlyList<MetadataChange> Compute(JsonElement before, JsonElement after)
    {
        var changes = new List<MetadataChange>();
        Compare("$", before, after, changes);
        return changes;
    }

    private static void Compare(string path, JsonElement? before, JsonElement? after, List<MetadataChange> changes)
    {
        if (before is null && after is null) return;
        if (before is null) { changes.Add(new MetadataChange("added", path, null, after)); return; }
        if (after is null) { changes.Add(new MetadataChange("removed", path, before, null)); return; }
        var a = before.Value;
        var b = after.Value;
        if (a.ValueKind == JsonValueKind.Object && b.ValueKind == JsonValueKind.Object)
        {
            var names = a.EnumerateObject().Select(p => p.Name).Union(b.EnumerateObject().Select(p => p.Name), StringComparer.Ordinal);
            foreach (var name in names)
            {
                if (path == "$" && name == "version") continue;
                Compare($"{path}.{name}", Property(a, name), Property(b, name), changes);
            }
            return;
        }
        if (a.ValueKind == JsonValueKind.Array && b.ValueKind == JsonValueKind.Array && IsNamed(a) && IsNamed(b))
        {
            var beforeByName = a.EnumerateArray().ToDictionary(Name, StringComparer.Ordinal);
            var afterByName = b.EnumerateArray().ToDictionary(Name, StringComparer.Ordinal);
            foreach (var name in beforeByName.Keys.Union(afterByName.Keys, StringComparer.Ordinal))
                Compare($"{path}[{name}]", beforeByName.TryGetValue(name, out var x) ? x : null, afterByName.TryGetValue(name, out var y) ? y : null, changes);
            return;
        }
        if (!JsonElement.DeepEquals(a, b)) changes.Add(new MetadataChange("changed", path, a, b));
    }

    private static JsonElement? Property(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) ? value : null;

    private static bool IsNamed(JsonElement array) =>
        array.EnumerateArray().All(e => e.ValueKind == JsonValueKind.Object && e.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String) &&
        array.EnumerateArray().Select(Name).Distinct(StringComparer.Ordinal).Count() == array.GetArrayLength();

    private static string Name(JsonElement element) => element.GetProperty("name").GetString()!;
}
