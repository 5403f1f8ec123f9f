using System.Collections;
using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace NoCodeCrm.Engine.Metadata;

/// <summary>Reads and writes the metadata document in its published JSON shape.</summary>
public static class ModelJson
{
    public static readonly JsonSerializerOptions Options = CreateOptions();

    public static CrmModel Parse(string json) =>
        JsonSerializer.Deserialize<CrmModel>(json, Options) ?? throw new JsonException("The metadata document is null.");

    public static CrmModel Parse(JsonElement json) =>
        json.Deserialize<CrmModel>(Options) ?? throw new JsonException("The metadata document is null.");

    public static string Serialize(CrmModel model) => JsonSerializer.Serialize(model, Options);

    public static JsonElement ToElement(CrmModel model) => JsonSerializer.SerializeToElement(model, Options);

    public static T Clone<T>(T value) => JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(value, Options), Options)!;

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault,
            Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
            TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { SkipEmptyCollections } },
            WriteIndented = false,
            Encoder = NoCodeCrm.Engine.Json.JsonEncoding.Encoder,
        };
        options.MakeReadOnly();
        return options;
    }

    // Keeps the document as short as a key user would write it: no "options": [] on every text field.
    private static void SkipEmptyCollections(JsonTypeInfo typeInfo)
    {
        foreach (var property in typeInfo.Properties)
        {
            var type = property.PropertyType;
            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ImmutableArray<>))
                property.ShouldSerialize = (_, value) => value is ICollection { Count: > 0 };
        }
    }
}
