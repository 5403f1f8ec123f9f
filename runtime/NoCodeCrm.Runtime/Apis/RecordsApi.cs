using System.Text.Json;
using System.Text;
using NoCodeCrm.Engine.Audit;
using NoCodeCrm.Engine.Compiled;
using NoCodeCrm.Engine.Errors;
using NoCodeCrm.Engine.Export;
using NoCodeCrm.Engine.Security;
using NoCodeCrm.Engine.Query;
using NoCodeCrm.Engine.Records;
using NoCodeCrm.Runtime.Auth;

namespace NoCodeCrm.Runtime.Apis;

/// <summary>The generic record API over every entity: <c>/api/records/{entity}</c>.</summary>
public static class RecordsApi
{
    /// <summary>The most records one CSV export holds; a larger one is refused rather than cut short.</summary>
    public const int MaxExportRows = 50_000;

    public static IEndpointRouteBuilder MapRecordsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/records/{entity}").RequireAuthorization();

        group.MapPost("", async (string entity, HttpContext http, RecordService records, CancellationToken ct) =>
        {
            var body = await HttpBody.ReadJsonAsync(http.Request, ct);
            var record = await records.CreateAsync(http.ToCrmPrincipal(), entity, body, ct);
            http.Response.Headers.Location = $"/api/records/{entity}/{record.Id}";
            await WriteRecordAsync(http, record, StatusCodes.Status201Created, ct);
        });

        group.MapGet("", async (string entity, HttpContext http, RecordQueryService query, AuditLog audit, CancellationToken ct) =>
        {
            var q = http.Request.Query;
            var options = RecordQueryOptions.FromParameters(
                q["$filter"], q["$orderby"], q["$top"], q["$skip"], q["$select"], q["$count"], q["$expand"], q["$search"], q["includeDeleted"]);
            var page = await query.QueryAsync(http.ToCrmPrincipal(), entity, options, ct);
            await LogSensitiveReadAsync(audit, http, page.Records, page.Select, ct);
            await JsonObjectResponse.WriteAsync(http, writer =>
            {
                writer.WritePropertyName("value");
                writer.WriteStartArray();
                foreach (var record in page.Records) RecordJsonWriter.Write(writer, record, page.Select);
                writer.WriteEndArray();
                if (page.Count is { } count) writer.WriteNumber("count", count);
            }, ct);
        });

        group.MapGet("/export", async (string entity, HttpContext http, RecordQueryService query, IRecordAccessPolicy access, ModelRegistry registry,
            AuditLog audit, CancellationToken ct) =>
        {
            var principal = http.ToCrmPrincipal();
            var q = http.Request.Query;
            var options = RecordQueryOptions.FromParameters(q["$filter"], q["$orderby"], null, null, q["$select"], "true", null, q["$search"], null)
                with { Top = RecordQueryOptions.MaxTop };
            var compiled = RecordService.Entity(registry.Current, entity);
            var csv = new StringBuilder();
            var ids = new List<Guid>();
            IReadOnlyList<string> columns = [];
            // One snapshot for every page: a record written during the export neither appears twice nor goes missing.
            await query.ReadSnapshotAsync(principal, entity, options, RecordOperation.Export, page =>
            {
                // Only the first page carries the count.
                if (page.Count is { } total)
                {
                    if (total > MaxExportRows)
                        throw new CrmException(CrmErrorKind.Validation, "exportTooLarge",
                            $"The export would hold {total:N0} records; at most {MaxExportRows:N0} can be exported at once. Narrow it with $filter.",
                            [new CrmError("$filter", "exportTooLarge", $"At most {MaxExportRows:N0} records.")]);
                    columns = RecordCsvWriter.Columns(compiled, access.HiddenFields(principal, compiled), page.Select);
                    RecordCsvWriter.WriteHeader(csv, columns);
                }
                foreach (var record in page.Records)
                {
                    RecordCsvWriter.WriteRow(csv, record, columns);
                    ids.Add(record.Id);
                }
                return true;
            }, ct);
            await audit.RecordExportAsync(principal, compiled.Name, ids, columns, ct);
            http.Response.Headers.ContentDisposition = $"attachment; filename=\"{compiled.Name}.csv\"";
            return TypedResults.Text(csv.ToString(), "text/csv; charset=utf-8");
        });

        group.MapGet("/{id:guid}", async (string entity, Guid id, HttpContext http, RecordService records, RecordQueryService query, AuditLog audit, CancellationToken ct) =>
        {
            var principal = http.ToCrmPrincipal();
            var record = await records.GetAsync(principal, entity, id, ct);
            var expand = RecordQueryOptions.SplitList(http.Request.Query["$expand"]);
            if (expand.Count > 0) await query.ExpandAsync(principal, record.Entity, [record], expand, ct);
            await LogSensitiveReadAsync(audit, http, [record], null, ct);
            await WriteRecordAsync(http, record, StatusCodes.Status200OK, ct);
        });

        group.MapPatch("/{id:guid}", async (string entity, Guid id, HttpContext http, RecordService records, CancellationToken ct) =>
        {
            var body = await HttpBody.ReadJsonAsync(http.Request, ct);
            var record = await records.PatchAsync(http.ToCrmPrincipal(), entity, id, body, HttpBody.IfMatch(http.Request), ct);
            await WriteRecordAsync(http, record, StatusCodes.Status200OK, ct);
        });

        group.MapDelete("/{id:guid}", async (string entity, Guid id, HttpContext http, RecordService records, CancellationToken ct) =>
        {
            await records.DeleteAsync(http.ToCrmPrincipal(), entity, id, HttpBody.IfMatch(http.Request), ct);
            return TypedResults.NoContent();
        });

        group.MapPost("/{id:guid}/restore", async (string entity, Guid id, HttpContext http, RecordService records, CancellationToken ct) =>
        {
            var record = await records.RestoreAsync(http.ToCrmPrincipal(), entity, id, ct);
            await WriteRecordAsync(http, record, StatusCodes.Status200OK, ct);
        });
        group.MapGet("/{id:guid}/links/{relation}", async (string entity, Guid id, string relation, HttpContext http, LinkService links, CancellationToken ct) =>
            TypedResults.Ok(new { value = await links.ListAsync(http.ToCrmPrincipal(), entity, id, relation, ct) }));

        group.MapPost("/{id:guid}/links/{relation}", async (string entity, Guid id, string relation, HttpContext http, LinkService links, CancellationToken ct) =>
        {
            var body = await HttpBody.ReadJsonAsync(http.Request, ct);
            var linkId = await links.LinkAsync(http.ToCrmPrincipal(), entity, id, relation, body, ct);
            return TypedResults.Ok(new { id = linkId });
        });

        group.MapDelete("/{id:guid}/links/{relation}/{otherId:guid}", async (string entity, Guid id, string relation, Guid otherId, HttpContext http, LinkService links, CancellationToken ct) =>
        {
            await links.UnlinkAsync(http.ToCrmPrincipal(), entity, id, relation, otherId, ct);
            return TypedResults.NoContent();
        });
        return app;
    }

    /// <summary>
    /// Reads that show sensitive fields are kept in the audit (ids and field names, never values): one row for the records
    /// themselves and one per entity reached through <c>$expand</c>, whose inlined records show their sensitive fields too.
    /// </summary>
    internal static async Task LogSensitiveReadAsync(AuditLog audit, HttpContext http, IReadOnlyList<StoredRecord> records, IReadOnlySet<string>? select, CancellationToken ct)
    {
        if (records.Count == 0) return;
        var principal = http.ToCrmPrincipal();
        var first = records[0];
        var shown = ShownSensitiveFields(first, select).ToList();
        if (shown.Count > 0) await audit.RecordReadAsync(principal, first.Entity.Name, records.Select(r => r.Id).ToList(), shown, ct);

        var expanded = new Dictionary<string, (List<Guid> Ids, SortedSet<string> Fields)>(StringComparer.Ordinal);
        var pending = new Stack<StoredRecord>(records);
        while (pending.Count > 0)
        {
            var record = pending.Pop();
            if (record.Expanded is null) continue;
            foreach (var inlined in record.Expanded.Values)
            {
                if (inlined is null) continue;
                pending.Push(inlined);
                var fields = ShownSensitiveFields(inlined, null).ToList();
                if (fields.Count == 0) continue;
                if (!expanded.TryGetValue(inlined.Entity.Name, out var seen))
                    expanded[inlined.Entity.Name] = seen = ([], new SortedSet<string>(StringComparer.Ordinal));
                if (!seen.Ids.Contains(inlined.Id)) seen.Ids.Add(inlined.Id);
                seen.Fields.UnionWith(fields);
            }
        }
        foreach (var (entity, (ids, fields)) in expanded)
            await audit.RecordReadAsync(principal, entity, ids, fields.ToList(), ct);
    }

    private static IEnumerable<string> ShownSensitiveFields(StoredRecord record, IReadOnlySet<string>? select) =>
        record.Entity.Fields
            .Where(f => f.Definition.Sensitive && record.Hidden?.Contains(f.Name) != true && (select is null || select.Contains(f.Name)))
            .Select(f => f.Name);

    private static async Task WriteRecordAsync(HttpContext http, StoredRecord record, int status, CancellationToken ct)
    {
        http.Response.StatusCode = status;
        http.Response.Headers.ETag = HttpBody.ETag(record.Version);
        http.Response.ContentType = "application/json; charset=utf-8";
        await http.Response.Body.WriteAsync(RecordJsonWriter.ToUtf8(record), ct);
    }
}
