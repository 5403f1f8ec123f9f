using System.Text.Json;
using NoCodeCrm.Engine.Audit;
using NoCodeCrm.Engine.Compiled;
using NoCodeCrm.Engine.Pipelines;
using NoCodeCrm.Engine.Query;
using NoCodeCrm.Engine.Records;
using NoCodeCrm.Runtime.Auth;

namespace NoCodeCrm.Runtime.Apis;

/// <summary>
/// Pipelines for end users: <c>GET /api/pipelines</c>, the board (<c>…/{p}/board</c>, a column's further pages at
/// <c>…/{p}/board/{stage}</c>), stage history per record and in aggregate, forecast and rep performance. Moving a card is
/// an ordinary <c>PATCH</c> of the record's stage field, guarded by the engine.
/// </summary>
public static class PipelinesApi
{
    private static readonly string[] Scopes = ["mine", "team", "all"];
    private static readonly string[] Periods = ["month", "quarter", "year"];
    private static readonly string[] ForecastGroups = ["none", "owner", "team", "pipeline"];
    private static readonly string[] PerformanceGroups = ["owner", "team"];

    public static IEndpointRouteBuilder MapPipelinesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/pipelines").RequireAuthorization();

        group.MapGet("", (HttpContext http, ModelRegistry registry) =>
        {
            var language = http.ToCrmPrincipal().Language;
            return TypedResults.Ok(new
            {
                value = CompiledPipelines.For(registry.Current).All.Select(p => new
                {
                    name = p.Name,
                    label = p.Definition.Label?.Get(language, "en") ?? p.Entity.Definition.PluralLabel?.Get(language, "en") ?? p.Name,
                    entity = p.Entity.Name,
                    field = p.StageField.Name,
                    selector = p.Definition.Selector,
                    amountField = p.AmountField?.Name,
                    closeDateField = p.CloseDateField?.Name,
                    stages = p.Definition.Stages.Select(s => new
                    {
                        name = s.Name,
                        label = p.StageLabel(s.Name, language),
                        probability = s.Probability,
                        color = s.Color ?? p.StageField.Definition.Options.FirstOrDefault(o => o.Value == s.Name)?.Color,
                        outcome = s.Outcome?.ToString().ToLowerInvariant(),
                        requiredFields = s.RequiredFields,
                        transitions = p.Allowed(s).Select(t => t.Name),
                    }),
                }),
            });
        });

        group.MapGet("/{pipeline}/board", async (string pipeline, HttpContext http, PipelineBoard boards, AuditLog audit, CancellationToken ct) =>
        {
            var board = await boards.GetAsync(http.ToCrmPrincipal(), pipeline, Scope(http.Request), Options(http.Request, PipelineBoard.DefaultCards), ct);
            await RecordsApi.LogSensitiveReadAsync(audit, http, board.Columns.SelectMany(c => c.Records).ToList(), null, ct);
            await JsonObjectResponse.WriteAsync(http, writer =>
            {
                writer.WriteString("pipeline", board.Pipeline);
                writer.WriteString("entity", board.Entity);
                writer.WriteString("field", board.Field);
                writer.WriteString("scope", board.Scope.ToString().ToLowerInvariant());
                writer.WriteStartArray("columns");
                foreach (var column in board.Columns)
                {
                    writer.WriteStartObject();
                    writer.WriteString("stage", column.Stage);
                    writer.WriteString("label", column.Label);
                    if (column.Color is { } color) writer.WriteString("color", color);
                    writer.WriteNumber("probability", column.Probability);
                    if (column.Outcome is { } outcome) writer.WriteString("outcome", outcome);
                    writer.WriteNumber("count", column.Count);
                    WriteNumberOrNull(writer, "sum", column.Sum);
                    WriteNumberOrNull(writer, "weightedSum", column.WeightedSum);
                    writer.WriteStartArray("records");
                    foreach (var record in column.Records) RecordJsonWriter.Write(writer, record, null);
                    writer.WriteEndArray();
                    writer.WriteEndObject();
                }
                writer.WriteEndArray();
            }, ct);
        });

        group.MapGet("/{pipeline}/board/{stage}", async (string pipeline, string stage, HttpContext http, PipelineBoard boards, AuditLog audit, CancellationToken ct) =>
        {
            var page = await boards.ColumnAsync(http.ToCrmPrincipal(), pipeline, stage, Scope(http.Request), Options(http.Request, PipelineBoard.DefaultCards), ct);
            await RecordsApi.LogSensitiveReadAsync(audit, http, page.Records, null, ct);
            await JsonObjectResponse.WriteAsync(http, writer =>
            {
                writer.WriteStartArray("value");
                foreach (var record in page.Records) RecordJsonWriter.Write(writer, record, null);
                writer.WriteEndArray();
                writer.WriteNumber("count", page.Count ?? 0);
            }, ct);
        });

        group.MapGet("/{pipeline}/history", async (string pipeline, HttpContext http, ModelRegistry registry, StageHistory history, CancellationToken ct) =>
        {
            var record = QueryParameters.Id(http.Request, "record") ?? throw MissingRecord();
            var entity = CompiledPipelines.For(registry.Current).Get(pipeline).Entity.Name;
            return TypedResults.Ok(new { value = await history.ForRecordAsync(http.ToCrmPrincipal(), entity, record, pipeline, ct) });
        });

        group.MapGet("/{pipeline}/stats", async (string pipeline, HttpContext http, StageHistory history, CancellationToken ct) =>
            TypedResults.Ok(new
            {
                value = await history.StatisticsAsync(http.ToCrmPrincipal(), pipeline, QueryParameters.Time(http.Request, "from"),
                    QueryParameters.Time(http.Request, "to"), Scope(http.Request), ct),
            }));

        app.MapGet("/api/records/{entity}/{id:guid}/stage-history", async (string entity, Guid id, HttpContext http, StageHistory history, CancellationToken ct) =>
            TypedResults.Ok(new { value = await history.ForRecordAsync(http.ToCrmPrincipal(), entity, id, null, ct) })).RequireAuthorization();

        var forecast = app.MapGroup("/api/forecast").RequireAuthorization();
        forecast.MapGet("", async (HttpContext http, PipelineForecast forecasts, CancellationToken ct) =>
        {
            var q = http.Request;
            var rows = await forecasts.ForecastAsync(http.ToCrmPrincipal(), QueryParameters.Text(q, "pipeline"),
                Enum.Parse<ForecastPeriod>(QueryParameters.OneOf(q, "period", Periods) ?? "month", ignoreCase: true),
                Enum.Parse<ForecastGrouping>(QueryParameters.OneOf(q, "groupBy", ForecastGroups) ?? "none", ignoreCase: true),
                Date(QueryParameters.Time(q, "from")), Date(QueryParameters.Time(q, "to")), Scope(q), ct);
            return TypedResults.Ok(new { value = rows });
        });
        forecast.MapGet("/performance", async (HttpContext http, PipelineForecast forecasts, CancellationToken ct) =>
        {
            var q = http.Request;
            var rows = await forecasts.PerformanceAsync(http.ToCrmPrincipal(), QueryParameters.Text(q, "pipeline"),
                Enum.Parse<ForecastGrouping>(QueryParameters.OneOf(q, "groupBy", PerformanceGroups) ?? "owner", ignoreCase: true),
                QueryParameters.Time(q, "from"), QueryParameters.Time(q, "to"), Scope(q), ct);
            return TypedResults.Ok(new { value = rows });
        });
        return app;
    }

    private static BoardScope Scope(HttpRequest request) =>
        Enum.Parse<BoardScope>(QueryParameters.OneOf(request, "scope", Scopes) ?? "all", ignoreCase: true);

    private static RecordQueryOptions Options(HttpRequest request, int top)
    {
        var q = request.Query;
        return RecordQueryOptions.FromParameters(q["$filter"], q["$orderby"], q["$top"].Count > 0 ? q["$top"] : top.ToString(System.Globalization.CultureInfo.InvariantCulture),
            q["$skip"], null, null, q["$expand"], q["$search"], null);
    }

    private static DateOnly? Date(DateTimeOffset? moment) => moment is { } m ? DateOnly.FromDateTime(m.UtcDateTime) : null;

    private static NoCodeCrm.Engine.Errors.CrmException MissingRecord() =>
        new(NoCodeCrm.Engine.Errors.CrmErrorKind.BadRequest, "invalidParameter", "Name the record: ?record=<id>.",
            [new NoCodeCrm.Engine.Errors.CrmError("record", "invalidParameter", "Expected a record id (uuid).")]);

    private static void WriteNumberOrNull(Utf8JsonWriter writer, string name, decimal? value)
    {
        if (value is { } v) writer.WriteNumber(name, v);
        else writer.WriteNull(name);
    }
}
