namespace NoCodeCrm.Engine.Errors;

/// <summary>The stable kinds of engine failure; the HTTP layer maps each to one status code.</summary>
public enum CrmErrorKind
{
    /// <summary>The request itself is malformed (syntax of $filter, not JSON…): 400.</summary>
    BadRequest,
    /// <summary>Well-formed input that breaks the model's rules (record or metadata): 422.</summary>
    Validation,
    NotFound,
    /// <summary>The change conflicts with data (duplicates, references, values that would not convert): 409.</summary>
    Conflict,
    /// <summary>A stale If-Match: 412.</summary>
    PreconditionFailed,
    /// <summary>A table stayed locked past the lock timeout; retrying later works: 503.</summary>
    Busy,
    Unauthorized,
    Forbidden,
}
