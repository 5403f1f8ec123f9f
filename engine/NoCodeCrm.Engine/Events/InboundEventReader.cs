using System.Globalization;
using System.Text.Json;
using NoCodeCrm.Engine.Errors;

namespace NoCodeCrm.Engine.Events;

/// <summary>Reads the body of <c>POST /api/events</c>, collecting every problem with its JSON path.</summary>
public static class InboundEventReader
{
    /// <summary>The largest <c>data</c> object accepted, as JSON text.</summary>
    public const int MaxDataLength = 64 * 1024;

    public static InboundEvent Read(JsonElement body, string source)
    {
        if (body.ValueKind != JsonValueKind.Object)
            throw CrmException.Invalid("The event must be a JSON object.", [new CrmError("$", "invalidType", "Expected an object.")]);
        var errors = new List<CrmError>();

        var type = Text(body, "type", errors, required: true);
        if (type is not null && !EventTypes.IsValid(type))
            errors.Add(new CrmError("$.type", "invalidEventType",
                $"An event type is lower-case words joined by dots (e.g. '{EventTypes.EmailOpened}' or 'webinar.attended'), at most {EventTypes.MaxLength} characters."));

        var entity = Text(body, "entity", errors, required: true);
        var recordText = Text(body, "recordId", errors, required: true);
        var recordId = Guid.Empty;
        if (recordText is not null && !Guid.TryParse(recordText, out recordId))
            errors.Add(new CrmError("$.recordId", "invalidId", "Expected a record id (uuid)."));

        DateTimeOffset? occurredAt = null;
        var occurredText = Text(body, "occurredAt", errors, required: false);
        if (occurredText is not null)
        {
            if (DateTimeOffset.TryParse(occurredText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
                && occurredText.Contains('T', StringComparison.Ordinal))
                occurredAt = parsed;
            else
                errors.Add(new CrmError("$.occurredAt", "invalidDateTime", "Expected an ISO 8601 date and time such as 2026-05-01T09:30:00Z."));
        }

        JsonElement? data = null;
        if (body.TryGetProperty("data", out var dataElement) && dataElement.ValueKind != JsonValueKind.Null)
        {
            if (dataElement.ValueKind != JsonValueKind.Object)
                errors.Add(new CrmError("$.data", "invalidType", "Expected an object."));
            else if (dataElement.GetRawText().Length > MaxDataLength)
                errors.Add(new CrmError("$.data", "tooLarge", $"The data may be at most {MaxDataLength / 1024} KB of JSON."));
            else
                data = dataElement;
        }

        foreach (var property in body.EnumerateObject())
        {
            if (property.Name is not ("type" or "entity" or "recordId" or "occurredAt" or "data"))
                errors.Add(new CrmError("$." + Shorten(property.Name), "unknownProperty", "Events have type, entity, recordId, occurredAt and data."));
        }

        if (errors.Count > 0) throw CrmException.Invalid("The event is not valid.", errors);
        return new InboundEvent(type!, entity!, recordId, occurredAt, data, source);
    }

    private static string? Text(JsonElement body, string name, List<CrmError> errors, bool required)
    {
        if (!body.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            if (required) errors.Add(new CrmError("$." + name, "required", $"'{name}' is required."));
            return null;
        }
        if (value.ValueKind != JsonValueKind.String)
        {
            errors.Add(new CrmError("$." + name, "invalidType", "Expected a string."));
            return null;
        }
        return value.GetString();
    }

    private static string Shorten(string name) => name.Length <= 64 ? name : name[..64] + "…";
}
