using NoCodeCrm.Engine.Compiled;
using NoCodeCrm.Engine.Query;

namespace NoCodeCrm.Engine.Security;

/// <summary>
/// Limits rows that hang off records (messages, events, consents: an entity and a record id column) to those whose record the
/// principal may read, so a timeline shows no more than the records themselves would.
/// </summary>
public static class RecordScopeFilter
{
    /// <summary>An <c>EXISTS</c> predicate over <paramref name="recordIdColumn"/>, or null when the principal reads every row.</summary>
    public static string? Of(IRecordAccessPolicy access, CrmPrincipal principal, CompiledEntity entity, string recordIdColumn, SqlQueryBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(access);
        if (access.RowFilter(principal, entity, RecordOperation.Read, builder.AddParameter) is not { } filter) return null;
        return $"EXISTS (SELECT 1 FROM {entity.Table} t0 WHERE t0.\"id\" = {recordIdColumn} AND ({filter}))";
    }
}
