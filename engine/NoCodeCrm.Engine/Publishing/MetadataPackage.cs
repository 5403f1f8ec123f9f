using System.Text.Json.Nodes;
using NoCodeCrm.Engine.Errors;
using NoCodeCrm.Engine.Metadata;

namespace NoCodeCrm.Engine.Publishing;

/// <summary>Moves customisations between environments: a package of selected entities (and the relations among them).</summary>
public static class MetadataPackage
{
    public const string Format = "nocodecrm-package";

    public static JsonObject Export(CrmModel model, IReadOnlyCollection<string>? entityNames)
    {
        var live = model.Entities.Where(e => !e.Retired).Select(e => e with { Fields = [.. e.Fields.Where(f => !f.Retired)] }).ToList();
        if (entityNames is not null)
        {
            var unknown = entityNames.Where(n => live.All(e => e.Name != n)).ToList();
            if (unknown.Count > 0) throw CrmException.NotFound($"There is no entity named {string.Join(", ", unknown.Select(n => $"'{n}'"))}.");
            live = live.Where(e => entityNames.Contains(e.Name)).ToList();
        }
        var names = live.Select(e => e.Name).ToHashSet(StringComparer.Ordinal);
        var relations = model.Relations.Where(r => !r.Retired && names.Contains(r.From) && names.Contains(r.To))
            .Select(r => r with { Fields = [.. r.Fields.Where(f => !f.Retired)] });
        var body = JsonNode.Parse(ModelJson.Serialize(CrmModel.Empty with { Settings = model.Settings, Entities = [.. live], Relations = [.. relations] }))!.AsObject();
        var package = new JsonObject
        {
            ["format"] = Format,
            ["formatVersion"] = 1,
            ["sourceVersion"] = model.Version,
            ["exportedAt"] = DateTime.UtcNow,
            ["entities"] = body["entities"]?.DeepClone() ?? new JsonArray(),
            ["relations"] = body["relations"]?.DeepClone() ?? new JsonArray(),
        };
        return package;
    }

    /// <summary>The current document with the package's entities and relations added or replacing those of the same name.</summary>
    public static JsonObject Merge(CrmModel current, System.Text.Json.JsonElement package)
    {
        if (package.ValueKind != System.Text.Json.JsonValueKind.Object ||
            !package.TryGetProperty("format", out var format) || format.ValueKind != System.Text.Json.JsonValueKind.String || format.GetString() != Format)
            throw new CrmException(CrmErrorKind.BadRequest, "invalidPackage", $"This is not a {Format}.",
                [new CrmError("$.format", "invalidPackage", $"Expected \"format\": \"{Format}\".")]);
        var document = JsonNode.Parse(ModelJson.Serialize(current))!.AsObject();
        document.Remove("version");
        var incoming = JsonNode.Parse(package.GetRawText())!.AsObject();
        foreach (var section in new[] { "entities", "relations" })
        {
            if (incoming[section] is not JsonArray items) continue;
            var target = document[section] as JsonArray ?? [];
            document[section] = target;
            foreach (var item in items)
            {
                var name = item?["name"]?.GetValue<string>();
                var existing = target.FirstOrDefault(n => n?["name"]?.GetValue<string>() == name);
                if (existing is not null) target[target.IndexOf(existing)] = item!.DeepClone();
                else target.Add(item!.DeepClone());
            }
        }
        return document;
    }
}
