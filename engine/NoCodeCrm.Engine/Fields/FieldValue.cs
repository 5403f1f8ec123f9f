namespace NoCodeCrm.Engine.Fields;

/// <summary>A record value converted for PostgreSQL, or the reason it could not be.</summary>
public readonly record struct FieldValue(object? Value, string? Error)
{
    public static FieldValue Ok(object? value) => new(value, null);
    public static FieldValue Invalid(string error) => new(null, error);
    public bool IsValid => Error is null;
}
