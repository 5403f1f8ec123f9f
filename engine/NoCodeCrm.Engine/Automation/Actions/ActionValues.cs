using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using NoCodeCrm.Engine.Compiled;
using NoCodeCrm.Engine.Errors;
using NoCodeCrm.Engine.Metadata;

namespace NoCodeCrm.Engine.Automation.Actions;

/// <summary>
/// Turns an action's <c>values</c> into a record body: strings are inline templates over the triggering record
/// (<c>"Call {{ record.first_name }}"</c>), <c>{"daysFromNow": 2}</c> / <c>{"hoursFromNow": 4}</c> give relative dates,
/// anything else is taken as is and validated by the record pipeline like any input.
/// </summary>
public static class ActionValues
{
    public static JsonObject Build(CompiledEntity target, IReadOnlyDictionary<string, JsonElement>? values, Func<string, string> render, DateTimeOffset now)
    {
        var body = new JsonObject();
        if (values is null) return body;
        foreach (var (name, value) in values)
        {
            var field = target.FindField(name);
            body[name] = value.ValueKind switch
            {
                JsonValueKind.String => Typed(field, value.GetString()!, Render(value.GetString()!, render, name)),
                JsonValueKind.Object when Relative(value) is { } offset => JsonValue.Create(field?.Type == FieldType.Date
                    ? (now + offset).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
                    : (now + offset).ToString("O", CultureInfo.InvariantCulture)),
                _ => JsonNode.Parse(value.GetRawText()),
            };
        }
        return body;
    }

    private static string? Render(string source, Func<string, string> render, string field)
    {
        try
        {
            var text = render(source);
            // An empty rendering (a missing lookup) clears the field rather than failing a date or uuid parse.
            return text.Length == 0 && source.Contains("{{", StringComparison.Ordinal) ? null : text;
        }
        catch (CrmException ex)
        {
            throw new CrmException(CrmErrorKind.Validation, ex.Code, $"The value of '{field}' could not be rendered: {ex.Message}", ex.Errors);
        }
    }

    /// <summary>A template renders text; a number or yes/no field gets the number or boolean the text spells.</summary>
    private static JsonValue? Typed(CompiledField? field, string source, string? text)
    {
        if (text is null || field is null || !source.Contains("{{", StringComparison.Ordinal)) return JsonValue.Create(text);
        var trimmed = text.Trim();
        return field.Type switch
        {
            FieldType.Integer or FieldType.Decimal or FieldType.Currency or FieldType.Percent
                when decimal.TryParse(trimmed, NumberStyles.Number, CultureInfo.InvariantCulture, out var number) => JsonValue.Create(number),
            FieldType.Boolean when bool.TryParse(trimmed, out var flag) => JsonValue.Create(flag),
            _ => JsonValue.Create(text),
        };
    }

    private static TimeSpan? Relative(JsonElement value)
    {
        TimeSpan? offset = null;
        foreach (var property in value.EnumerateObject())
        {
            if (property.Value.ValueKind != JsonValueKind.Number) return null;
            var amount = property.Value.GetDouble();
            offset = (offset ?? TimeSpan.Zero) + property.Name switch
            {
                "daysFromNow" => TimeSpan.FromDays(amount),
                "hoursFromNow" => TimeSpan.FromHours(amount),
                "minutesFromNow" => TimeSpan.FromMinutes(amount),
                _ => (TimeSpan?)null,
            } ?? TimeSpan.Zero;
            if (property.Name is not ("daysFromNow" or "hoursFromNow" or "minutesFromNow")) return null;
        }
        return offset;
    }
}
