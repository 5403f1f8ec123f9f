namespace NoCodeCrm.Engine.Tests.Rollups;

/// <summary>The metadata documents the rollup tests publish.</summary>
internal static class RollupModels
{
    public const string OrderEntities = """
        {"name": "company", "fields": [{"name": "name", "type": "text"}]},
        {"name": "sales_order", "fields": [
          {"name": "title", "type": "text"},
          {"name": "status", "type": "choice", "options": [{"value": "draft"}, {"value": "confirmed"}, {"value": "cancelled"}]},
          {"name": "person", "type": "lookup", "target": "person", "onDelete": "setNull"},
          {"name": "company", "type": "lookup", "target": "company", "onDelete": "cascade"},
          {"name": "total_amount", "type": "currency", "precision": 18, "scale": 2},
          {"name": "order_date", "type": "date"}
        ]}
        """;

    public const string PersonRollups = """
          {"name": "order_count", "type": "integer", "rollup": {"entity": "sales_order", "via": "person", "aggregate": "count"}},
          {"name": "order_total", "type": "currency", "precision": 18, "scale": 2,
           "rollup": {"entity": "sales_order", "via": "person", "aggregate": "sum", "field": "total_amount", "filter": "status ne 'cancelled'"}},
          {"name": "orders_last_3_months", "type": "integer",
           "rollup": {"entity": "sales_order", "via": "person", "aggregate": "count", "window": {"field": "order_date", "months": 3}}},
          {"name": "last_order_date", "type": "date", "rollup": {"entity": "sales_order", "via": "person", "aggregate": "max", "field": "order_date"}},
          {"name": "average_order", "type": "decimal", "precision": 18, "scale": 2,
           "rollup": {"entity": "sales_order", "via": "person", "aggregate": "avg", "field": "total_amount"}}
        """;

    public static readonly string WithRollups = $$"""
        {"entities": [
          {"name": "person", "fields": [
            {"name": "name", "type": "text"},
            {{PersonRollups}}
          ]},
          {{OrderEntities}}
        ]}
        """;

    public static readonly string WithoutRollups = $$"""
        {"entities": [
          {"name": "person", "fields": [{"name": "name", "type": "text"}]},
          {{OrderEntities}}
        ]}
        """;

    public static string Today(int monthsAgo = 0, int daysAgo = 0) =>
        DateOnly.FromDateTime(DateTime.UtcNow).AddMonths(-monthsAgo).AddDays(-daysAgo).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
