using NoCodeCrm.Engine.Compiled;
using NoCodeCrm.Engine.Query;
using NoCodeCrm.Engine.Schema;
using NoCodeCrm.Engine.Security;

namespace NoCodeCrm.Engine.Pipelines;

/// <summary>
/// The WHERE clause every pipeline read shares (board, columns, forecast): live rows of the pipeline (its selector), that
/// the user may read, in the scope asked for, and matching the user's own <c>$filter</c> and <c>$search</c>.
/// </summary>
internal static class PipelineSql
{
    public static List<string> Conditions(SqlQueryBuilder builder, IRecordAccessPolicy access, CrmPrincipal principal, CompiledPipeline pipeline,
        BoardScope scope, SchemaNames names, FilterExpression? filter = null, string? search = null)
    {
        var conditions = new List<string> { "t0.\"deleted_at\" IS NULL" };
        if (pipeline.SelectorField is { } selector)
            conditions.Add($"t0.{selector.Column} = {builder.AddParameter(pipeline.Definition.Selector!.Value)}");
        if (access.RowFilter(principal, pipeline.Entity, RecordOperation.Read, builder.AddParameter) is { } rows) conditions.Add($"({rows})");
        var owner = "t0." + Sql.Quote(SystemColumns.Owner);
        switch (scope)
        {
            case BoardScope.Mine:
                conditions.Add($"{owner} = {builder.AddParameter(principal.UserId)}");
                break;
            case BoardScope.Team:
                var me = builder.AddParameter(principal.UserId);
                conditions.Add(principal.Teams.Count == 0
                    ? $"{owner} = {me}"
                    // The user's own records carry their team too (OwningUnits), so the team alone covers them.
                    : RoleAccessPolicy.OneOf($"t0.{Sql.Quote(SystemColumns.OwningTeam)}", principal.Teams, builder.AddParameter));
                break;
        }
        if (filter is not null) conditions.Add(builder.Where(filter));
        if (search is not null) conditions.Add(builder.Search(search));
        return conditions;
    }

    /// <summary>The amount column, or null when there is none or the user may not see it (a sum would reveal it).</summary>
    public static CompiledField? VisibleAmount(CompiledPipeline pipeline, IRecordAccessPolicy access, CrmPrincipal principal) =>
        pipeline.AmountField is { } amount && !access.HiddenFields(principal, pipeline.Entity).Contains(amount.Name) ? amount : null;
}
