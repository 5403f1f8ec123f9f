using System.Text.Json.Nodes;
using NoCodeCrm.Engine.Compiled;
using NoCodeCrm.Engine.Security;

namespace NoCodeCrm.Engine.Compliance;

/// <summary>
/// The record of processing activities (VERBİS inventory, GDPR art. 30) built from the model: one activity per entity
/// annotated with <c>processing</c>, listing its personal fields with their categories and legal retention; entities
/// holding personal data without an annotation are listed apart, as gaps to fill.
/// </summary>
public sealed class ProcessingRecordBuilder(ModelRegistry registry)
{
    /// <summary>KVKK art. 5/1 (explicit consent) and 5/2 (a)–(f), in the spelling the metadata uses.</summary>
    public static readonly IReadOnlyList<string> LegalBases =
        ["explicitConsent", "law", "vitalInterest", "contract", "legalObligation", "madePublic", "legalClaims", "legitimateInterest"];

    public JsonObject Build(CrmPrincipal principal)
    {
        ComplianceAccess.Demand(principal);
        var model = registry.Current;
        var activities = new JsonArray();
        var gaps = new JsonArray();
        foreach (var entity in model.Model.Entities.Where(e => !e.Retired))
        {
            var personal = entity.Fields.Where(f => !f.Retired && f.PersonalData).ToArray();
            if (entity.Processing is not { } processing)
            {
                if (personal.Length > 0) gaps.Add(new JsonObject { ["entity"] = entity.Name, ["personalFields"] = Names(personal.Select(f => f.Name)) });
                continue;
            }
            activities.Add(new JsonObject
            {
                ["entity"] = entity.Name,
                ["label"] = entity.Label?.Get(model.Model.Settings.DefaultLanguage) ?? entity.Name,
                ["purpose"] = processing.Purpose,
                ["legalBasis"] = processing.LegalBasis,
                ["categories"] = Names(processing.Categories.Concat(personal.Select(f => f.DataCategory).OfType<string>()).Distinct(StringComparer.Ordinal)),
                ["retention"] = processing.Retention,
                ["personalFields"] = new JsonArray(personal.Select(f => (JsonNode)new JsonObject
                {
                    ["field"] = f.Name, ["dataCategory"] = f.DataCategory, ["sensitive"] = f.Sensitive, ["legalRetention"] = f.LegalRetention,
                }).ToArray()),
            });
        }
        return new JsonObject
        {
            ["modelVersion"] = model.Version,
            ["generatedAt"] = DateTimeOffset.UtcNow,
            ["dataSubject"] = model.Model.Settings.Consent?.Subject,
            ["activities"] = activities,
            ["unannotated"] = gaps,
        };
    }

    private static JsonArray Names(IEnumerable<string> names) => new(names.Select(n => (JsonNode)JsonValue.Create(n)).ToArray());
}
