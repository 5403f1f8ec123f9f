using System.Text.Json;
using System.Text.Json.Serialization;

namespace NoCodeCrm.Runtime;

/// <summary>JSON settings of the HTTP API (camelCase, enums as strings).</summary>
public static class ApiJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = NoCodeCrm.Engine.Json.JsonEncoding.Encoder,
    };
}
