namespace NoCodeCrm.Engine.Errors;

/// <summary>An engine failure with a stable kind and code, carrying every user-input error found at once.</summary>
public sealed class CrmException : Exception
{
    public CrmException(CrmErrorKind kind, string code, string message, IReadOnlyList<CrmError>? errors = null, object? details = null)
        : base(message)
    {
        Kind = kind;
        Code = code;
        Errors = errors ?? [];
        Details = details;
    }

    public CrmException() : this(CrmErrorKind.BadRequest, "badRequest", "Bad request.") { }
    public CrmException(string message) : this(CrmErrorKind.BadRequest, "badRequest", message) { }
    public CrmException(string message, Exception inner) : base(message, inner)
    {
        Kind = CrmErrorKind.BadRequest;
        Code = "badRequest";
        Errors = [];
    }

    public CrmErrorKind Kind { get; }
    public string Code { get; }
    public IReadOnlyList<CrmError> Errors { get; }
    /// <summary>Extra data for the problem response, e.g. the rows that block a type change.</summary>
    public object? Details { get; }

    public static CrmException NotFound(string message) => new(CrmErrorKind.NotFound, "notFound", message);

    public static CrmException Invalid(string message, IReadOnlyList<CrmError> errors) =>
        new(CrmErrorKind.Validation, "validationFailed", message, errors);
}
