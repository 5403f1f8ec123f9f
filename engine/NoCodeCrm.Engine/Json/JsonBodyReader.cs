using System.Text.Json;
using NoCodeCrm.Engine.Errors;

namespace NoCodeCrm.Engine.Json;

/// <summary>
/// Reads a small JSON request object property by property, collecting every problem with its JSON path, so a body with
/// three mistakes gets one answer naming all three. <see cref="Has"/> tells PATCH bodies apart from absent properties.
/// </summary>
public sealed class JsonBodyReader
{
    private readonly JsonElement _body;
    private readonly List<CrmError> _errors = [];

    public JsonBodyReader(JsonElement body, IReadOnlyCollection<string> allowed)
    {
        _body = body;
        if (body.ValueKind != JsonValueKind.Object)
        {
            _errors.Add(new CrmError("$", "invalidType", "Expected a JSON object."));
            return;
        }
        foreach (var property in body.EnumerateObject())
            if (!allowed.Contains(property.Name))
                _errors.Add(new CrmError("$." + Shorten(property.Name), "unknownProperty", $"Allowed properties: {string.Join(", ", allowed)}."));
    }

    public IReadOnlyList<CrmError> Errors => _errors;

    public bool Has(string name) => _body.ValueKind == JsonValueKind.Object && _body.TryGetProperty(name, out _);

    public void Error(string name, string code, string message) => _errors.Add(new CrmError("$." + name, code, message));

    /// <summary>A string, trimmed; null when absent or null (an error when required or too long).</summary>
    public string? Text(string name, bool required = false, int maxLength = 200)
    {
        if (!TryGet(name, out var value))
        {
            if (required) Error(name, "required", $"'{name}' is required.");
            return null;
        }
        if (value.ValueKind != JsonValueKind.String)
        {
            Error(name, "invalidType", "Expected a string.");
            return null;
        }
        var text = value.GetString()!.Trim();
        if (text.Length == 0 && required) Error(name, "required", $"'{name}' may not be empty.");
        else if (text.Length > maxLength) Error(name, "tooLong", $"At most {maxLength} characters.");
        return text.Length == 0 ? null : text;
    }

    /// <summary>A string as given, not trimmed (passwords).</summary>
    public string? Secret(string name, bool required = false)
    {
        if (!TryGet(name, out var value))
        {
            if (required) Error(name, "required", $"'{name}' is required.");
            return null;
        }
        if (value.ValueKind == JsonValueKind.String) return value.GetString();
        Error(name, "invalidType", "Expected a string.");
        return null;
    }

    public bool? Bool(string name)
    {
        if (!TryGet(name, out var value)) return null;
        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False) return value.GetBoolean();
        Error(name, "invalidType", "Expected true or false.");
        return null;
    }

    public DateTimeOffset? DateTime(string name)
    {
        if (!TryGet(name, out var value)) return null;
        if (value.ValueKind == JsonValueKind.String && value.TryGetDateTimeOffset(out var moment)) return moment;
        Error(name, "invalidDateTime", "Expected an ISO 8601 date and time such as 2027-01-31T18:00:00Z.");
        return null;
    }

    /// <summary>An array of distinct non-empty strings; null when absent.</summary>
    public IReadOnlyList<string>? TextList(string name, int maxItems = 50)
    {
        if (!TryGet(name, out var value)) return null;
        if (value.ValueKind != JsonValueKind.Array)
        {
            Error(name, "invalidType", "Expected an array of strings.");
            return null;
        }
        var items = new List<string>();
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(item.GetString()))
                Error($"{name}[{index}]", "invalidType", "Expected a non-empty string.");
            else if (!items.Contains(item.GetString()!.Trim())) items.Add(item.GetString()!.Trim());
            index++;
        }
        if (items.Count > maxItems) Error(name, "tooMany", $"At most {maxItems} items.");
        return items;
    }

    public void ThrowIfInvalid(string message)
    {
        if (_errors.Count > 0) throw CrmException.Invalid(message, _errors);
    }

    private bool TryGet(string name, out JsonElement value)
    {
        value = default;
        return _body.ValueKind == JsonValueKind.Object && _body.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null;
    }

    private static string Shorten(string name) => name.Length <= 64 ? name : name[..64] + "…";
}
