using System.Globalization;
using System.Text.Json;
using NoCodeCrm.Engine.Errors;

namespace NoCodeCrm.Engine.Consent;

/// <summary>Reads the bodies of the consent routes, collecting every problem with its JSON path.</summary>
public static class ConsentRequestReader
{
    private static readonly string[] DecisionProperties =
        ["person", "channel", "purpose", "status", "source", "recipient", "textVersion", "validUntil", "decidedAt", "proof"];
    private static readonly string[] ProofProperties = ["ip", "userAgent", "document"];
    private static readonly string[] TextProperties = ["purpose", "channel", "version", "text"];

    /// <summary>A decision: person, channel, purpose and status checked against the model's purposes; the person's existence is the service's check.</summary>
    public static ConsentRequest ReadDecision(JsonElement body, IReadOnlyList<string> purposes)
    {
        var errors = new List<CrmError>();
        RequireObject(body, DecisionProperties, "$", errors);
        var person = Id(body, "person", errors);
        var channel = OneOf(body, "channel", ConsentChannels.All, errors);
        var purpose = OneOf(body, "purpose", purposes, errors);
        var status = OneOf(body, "status", ConsentStatuses.All, errors);
        var source = Text(body, "source", 200, required: true, errors);
        var recipient = Text(body, "recipient", 320, required: false, errors);
        var textVersion = Text(body, "textVersion", 50, required: false, errors);
        DateOnly? validUntil = null;
        if (Text(body, "validUntil", 10, required: false, errors) is { } until)
        {
            if (DateOnly.TryParseExact(until, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) validUntil = date;
            else errors.Add(new CrmError("$.validUntil", "invalidDate", "Expected a date such as 2027-12-31."));
        }
        DateTimeOffset? decidedAt = null;
        if (Text(body, "decidedAt", 40, required: false, errors) is { } decided)
        {
            if (decided.Contains('T', StringComparison.Ordinal)
                && DateTimeOffset.TryParse(decided, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)) decidedAt = at;
            else errors.Add(new CrmError("$.decidedAt", "invalidDateTime", "Expected an ISO 8601 date and time such as 2026-05-01T09:30:00Z."));
        }
        string? ip = null, userAgent = null, document = null;
        if (body.ValueKind == JsonValueKind.Object && body.TryGetProperty("proof", out var proof) && proof.ValueKind != JsonValueKind.Null)
        {
            if (RequireObject(proof, ProofProperties, "$.proof", errors))
            {
                ip = Text(proof, "ip", 100, required: false, errors, "$.proof");
                userAgent = Text(proof, "userAgent", 1000, required: false, errors, "$.proof");
                document = Text(proof, "document", 2000, required: false, errors, "$.proof");
            }
        }
        if (errors.Count > 0) throw CrmException.Invalid("The consent decision is not valid.", errors);
        return new ConsentRequest(person!.Value, channel!, purpose!, status!, source!, recipient, textVersion, validUntil, decidedAt, ip, userAgent, document);
    }

    /// <summary>The body of an opt-out: <c>{"person": id, "source": "…"}</c> (source defaults to <c>api</c>).</summary>
    public static (Guid Person, string Source) ReadOptOut(JsonElement body)
    {
        var errors = new List<CrmError>();
        RequireObject(body, ["person", "source"], "$", errors);
        var person = Id(body, "person", errors);
        var source = Text(body, "source", 200, required: false, errors) ?? "api";
        if (errors.Count > 0) throw CrmException.Invalid("The opt-out is not valid.", errors);
        return (person!.Value, source);
    }

    /// <summary>A new consent text version: purpose, optional channel, version and text.</summary>
    public static ConsentText ReadText(JsonElement body, IReadOnlyList<string> purposes)
    {
        var errors = new List<CrmError>();
        RequireObject(body, TextProperties, "$", errors);
        var purpose = OneOf(body, "purpose", purposes, errors);
        var channel = body.ValueKind == JsonValueKind.Object && body.TryGetProperty("channel", out var c) && c.ValueKind != JsonValueKind.Null
            ? OneOf(body, "channel", ConsentChannels.All, errors)
            : null;
        var version = Text(body, "version", 50, required: true, errors);
        var text = Text(body, "text", 100_000, required: true, errors);
        if (errors.Count > 0) throw CrmException.Invalid("The consent text is not valid.", errors);
        return new ConsentText { Purpose = purpose!, Channel = channel, Version = version!, Text = text! };
    }

    private static bool RequireObject(JsonElement body, string[] known, string path, List<CrmError> errors)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new CrmError(path, "invalidType", "Expected an object."));
            return false;
        }
        foreach (var property in body.EnumerateObject())
            if (!known.Contains(property.Name))
                errors.Add(new CrmError($"{path}.{(property.Name.Length <= 60 ? property.Name : property.Name[..60])}", "unknownProperty",
                    $"Expected only {string.Join(", ", known)}."));
        return true;
    }

    private static string? Text(JsonElement body, string name, int maxLength, bool required, List<CrmError> errors, string parent = "$")
    {
        var path = $"{parent}.{name}";
        if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            if (required) errors.Add(new CrmError(path, "required", $"'{name}' is required."));
            return null;
        }
        if (value.ValueKind != JsonValueKind.String)
        {
            errors.Add(new CrmError(path, "invalidType", "Expected a string."));
            return null;
        }
        var text = value.GetString()!.Trim();
        if (text.Length == 0)
        {
            if (required) errors.Add(new CrmError(path, "required", $"'{name}' is required."));
            return null;
        }
        if (text.Length > maxLength)
        {
            errors.Add(new CrmError(path, "tooLong", $"At most {maxLength} characters."));
            return null;
        }
        return text;
    }

    private static string? OneOf(JsonElement body, string name, IReadOnlyList<string> allowed, List<CrmError> errors)
    {
        var text = Text(body, name, 100, required: true, errors);
        if (text is null || allowed.Contains(text)) return text;
        errors.Add(new CrmError("$." + name, "invalidValue", $"Expected one of {string.Join(", ", allowed)}."));
        return null;
    }

    private static Guid? Id(JsonElement body, string name, List<CrmError> errors)
    {
        var text = Text(body, name, 100, required: true, errors);
        if (text is null) return null;
        if (Guid.TryParse(text, out var id)) return id;
        errors.Add(new CrmError("$." + name, "invalidId", "Expected a record id (uuid)."));
        return null;
    }
}
