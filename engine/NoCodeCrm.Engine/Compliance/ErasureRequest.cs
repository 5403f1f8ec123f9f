using System.Text.Json;
using NoCodeCrm.Engine.Errors;

namespace NoCodeCrm.Engine.Compliance;

/// <summary>The body of an erasure: the legal basis it rests on (kept in the deletion log) and an optional reason.</summary>
public sealed record ErasureRequest(string LegalBasis, string? Reason)
{
    public static ErasureRequest Read(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
            throw CrmException.Invalid("The erasure request is not valid.", [new CrmError("$", "type", "Send an object with legalBasis and an optional reason.")]);
        var basis = body.TryGetProperty("legalBasis", out var b) && b.ValueKind == JsonValueKind.String ? b.GetString()!.Trim() : "";
        if (basis.Length == 0)
            throw CrmException.Invalid("The erasure request is not valid.", [new CrmError("$.legalBasis", "required",
                "Name the legal basis of the erasure, e.g. \"KVKK md. 7 / data subject request\".")]);
        var reason = body.TryGetProperty("reason", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null;
        return new ErasureRequest(basis, reason);
    }
}
