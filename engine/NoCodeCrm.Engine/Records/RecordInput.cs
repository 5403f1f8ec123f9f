using System.Text.Json;
using NoCodeCrm.Engine.Compiled;
using NoCodeCrm.Engine.Errors;
using NoCodeCrm.Engine.Schema;

namespace NoCodeCrm.Engine.Records;

/// <summary>
/// A record body checked against the entity: per-entity JSON Schema first, then each field's exact checks, every error
/// collected with its JSON path. Holds the CLR values that go to PostgreSQL.
/// </summary>
public sealed class RecordInput
{
    private RecordInput(Dictionary<string, object?> values, Guid? id, bool ownerGiven, Guid? owner)
    {
        Values = values;
        Id = id;
        OwnerGiven = ownerGiven;
        Owner = owner;
    }

    /// <summary>Field values by name, only for fields present in the body.</summary>
    public Dictionary<string, object?> Values { get; }
    public Guid? Id { get; }
    public bool OwnerGiven { get; }
    public Guid? Owner { get; }

    public static RecordInput Parse(CompiledEntity entity, JsonElement body, bool create)
    {
        if (body.ValueKind != JsonValueKind.Object)
            throw new CrmException(CrmErrorKind.BadRequest, "invalidBody", "The body must be a JSON object of field values.", [new CrmError("$", "invalidBody", "Expected a JSON object.")]);

        var errors = new List<CrmError>();
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        Guid? id = null;
        Guid? owner = null;
        var ownerGiven = false;
        foreach (var property in body.EnumerateObject())
        {
            var path = "$." + property.Name;
            if (values.ContainsKey(property.Name) || (property.Name == SystemColumns.Id && id is not null))
            {
                errors.Add(new CrmError(path, "duplicateProperty", $"'{property.Name}' is given twice."));
                continue;
            }
            if (property.Name == SystemColumns.Id)
            {
                if (!create) errors.Add(new CrmError(path, "readOnly", "The id of a record cannot be changed."));
                else if (property.Value.ValueKind == JsonValueKind.String && Guid.TryParseExact(property.Value.GetString(), "D", out var given)) id = given;
                else errors.Add(new CrmError(path, "invalidValue", "Expected a uuid."));
                continue;
            }
            if (property.Name == SystemColumns.Owner)
            {
                ownerGiven = true;
                if (property.Value.ValueKind == JsonValueKind.Null) owner = null;
                else if (property.Value.ValueKind == JsonValueKind.String && Guid.TryParseExact(property.Value.GetString(), "D", out var o)) owner = o;
                else errors.Add(new CrmError(path, "invalidValue", "Expected the id (uuid) of a user."));
                continue;
            }
            if (SystemColumns.Reserved.Contains(property.Name))
            {
                errors.Add(new CrmError(path, "readOnly", $"'{property.Name}' is kept by the system and cannot be written."));
                continue;
            }
            var field = entity.FindField(property.Name);
            if (field is null)
            {
                errors.Add(new CrmError(path, "unknownField", $"'{entity.Name}' has no field '{Shorten(property.Name)}'."));
                continue;
            }
            if (field.Definition.Formula is not null)
            {
                errors.Add(new CrmError(path, "readOnly", $"'{field.Name}' is calculated by its formula and cannot be written."));
                continue;
            }
            if (!field.IsWritable)
            {
                errors.Add(new CrmError(path, "readOnly", $"'{field.Name}' is given by the system and cannot be written."));
                continue;
            }
            if (property.Value.ValueKind == JsonValueKind.Null)
            {
                if (field.Definition.Required) errors.Add(new CrmError(path, "required", $"'{field.Name}' is required."));
                else values[field.Name] = null;
                continue;
            }
            var read = field.Handler.Read(property.Value, field.Definition);
            if (read.IsValid) values[field.Name] = read.Value;
            else errors.Add(new CrmError(path, "invalidValue", read.Error!));
        }

        // The generated JSON Schema speaks last: it adds what the field checks above do not cover (required, pattern, formats).
        var schema = create ? entity.CreateSchema : entity.PatchSchema;
        foreach (var reported in schema.Validate(body.GetRawText()))
        {
            var error = Unwrap(reported);
            var path = error.Property is { } p && error.Kind == NJsonSchema.Validation.ValidationErrorKind.PropertyRequired
                ? "$." + p
                : "$." + (error.Path ?? "").TrimStart('#', '/');
            if (errors.Any(e => e.Path == path || path.StartsWith(e.Path + "[", StringComparison.Ordinal))) continue;
            errors.Add(new CrmError(path, Code(error.Kind), Describe(error, entity)));
        }
        if (errors.Count > 0)
            throw CrmException.Invalid($"The {entity.Name} record is not valid.", errors.OrderBy(e => e.Path, StringComparer.Ordinal).ToList());
        return new RecordInput(values, id, ownerGiven, owner);
    }

    // An optional field's schema allows null or a value, so a bad value is reported as "no type validates" with the
    // real reason (e.g. not an e-mail address) inside; that reason is what the user needs to see.
    private static NJsonSchema.Validation.ValidationError Unwrap(NJsonSchema.Validation.ValidationError error)
    {
        if (error is not NJsonSchema.Validation.MultiTypeValidationError multi) return error;
        foreach (var inner in multi.Errors.Where(e => e.Key != NJsonSchema.JsonObjectType.Null).SelectMany(e => e.Value))
            if (inner.Kind is not (NJsonSchema.Validation.ValidationErrorKind.NullExpected or NJsonSchema.Validation.ValidationErrorKind.NoTypeValidates))
                return Unwrap(inner);
        return error;
    }

    private static string Code(NJsonSchema.Validation.ValidationErrorKind kind) => kind switch
    {
        NJsonSchema.Validation.ValidationErrorKind.PropertyRequired => "required",
        NJsonSchema.Validation.ValidationErrorKind.PatternMismatch => "patternMismatch",
        _ => "invalidValue",
    };

    private static string Describe(NJsonSchema.Validation.ValidationError error, CompiledEntity entity) => error.Kind switch
    {
        NJsonSchema.Validation.ValidationErrorKind.PropertyRequired => $"'{error.Property}' is required.",
        NJsonSchema.Validation.ValidationErrorKind.PatternMismatch =>
            $"The value does not match the pattern {entity.FindField(error.Property ?? "")?.Definition.Pattern}.",
        NJsonSchema.Validation.ValidationErrorKind.EmailExpected => "Expected an e-mail address.",
        NJsonSchema.Validation.ValidationErrorKind.UriExpected => "Expected an absolute address (URL).",
        _ => error.Kind.ToString(),
    };

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..77] + "...";
}
