using NoCodeCrm.Engine.Compiled;

namespace NoCodeCrm.Engine.Security;

/// <summary>
/// The one seam where permissions plug into the record pipeline and every query: a yes/no per operation, and a SQL
/// predicate over the entity's table (alias <c>t0</c>) that limits which rows a principal may touch.
/// </summary>
public interface IRecordAccessPolicy
{
    /// <summary>Throws a Forbidden <see cref="Errors.CrmException"/> when the principal may not do this at all.</summary>
    void Authorize(CrmPrincipal principal, CompiledEntity entity, RecordOperation operation);

    /// <summary>
    /// A predicate over alias <c>t0</c>, or null when every row is allowed. Values go through
    /// <paramref name="addParameter"/>, which returns the placeholder to write, so they share the query's numbering.
    /// </summary>
    string? RowFilter(CrmPrincipal principal, CompiledEntity entity, RecordOperation operation, Func<object?, string> addParameter);

    /// <summary>Fields the principal may not see: left out of every response, refused in filters, sorting, selection and writes.</summary>
    IReadOnlySet<string> HiddenFields(CrmPrincipal principal, CompiledEntity entity) => NoFields;

    /// <summary>Fields the principal may see but not write.</summary>
    IReadOnlySet<string> ReadOnlyFields(CrmPrincipal principal, CompiledEntity entity) => NoFields;

    static readonly IReadOnlySet<string> NoFields = new HashSet<string>();
}
