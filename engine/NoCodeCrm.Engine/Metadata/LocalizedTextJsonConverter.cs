using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace NoCodeCrm.Engine.Metadata;

/// <summary>Reads and writes a <see cref="LocalizedText"/> as a plain JSON object of language → text.</summary>
public sealed class LocalizedTextJsonConverter : JsonConverter<LocalizedText>
{
    public override LocalizedText Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
            throw new JsonException("A label is an object of language → text, e.g. {\"en\": \"Person\"}.");
        var builder = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var language = reader.GetString()!;
            reader.Read();
            builder[language] = reader.GetString() ?? "";
        }
        return new LocalizedText(builder.ToImmutable());
    }

    public override void Write(Utf8JsonWriter writer, LocalizedText value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        foreach (var (language, text) in value.Values) writer.WriteString(language, text);
        writer.WriteEndObject();
    }
}
