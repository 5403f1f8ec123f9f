using System.Text.Json.Nodes;
using Dapper;
using Npgsql;
using NoCodeCrm.Engine.Audit;
using NoCodeCrm.Engine.Compiled;
using NoCodeCrm.Engine.Metadata;
using NoCodeCrm.Engine.Schema;
using NoCodeCrm.Engine.Security;

namespace NoCodeCrm.Engine.Compliance;

/// <summary>
/// The right of access (KVKK art. 11, GDPR art. 15/20): everything the CRM holds about one data subject as one JSON
/// document — their record, records pointing at them and those records' own children, links, consents with history,
/// restriction, messages, events, automation runs and audit rows. The export itself is audited.
/// </summary>
public sealed class PersonExporter(NpgsqlDataSource dataSource, ModelRegistry registry, AuditLog audit)
{
    private string S => Sql.Quote(registry.Names.SystemSchema);

    public async Task<JsonObject> ExportAsync(CrmPrincipal principal, Guid id, CancellationToken ct)
    {
        ComplianceAccess.Demand(principal);
        var model = registry.Current;
        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        var scope = await DataSubjectScope.LoadAsync(connection, null, model, id, ct).ConfigureAwait(false);
        var subject = scope.Subject;
        var ids = scope.AllIds;

        var related = new JsonObject();
        var children = new JsonObject();
        foreach (var group in scope.Related)
        {
            related[group.Entity.Name] = await RowsAsync(connection, $"SELECT {Row("t")} FROM {group.Entity.Table} t WHERE id = ANY(@ids) ORDER BY created_at, id",
                new { ids = group.Ids.ToArray() }, ct).ConfigureAwait(false);
            // One level further (a quote's lines, an order's invoices): cheap, since it only follows the person's own records.
            foreach (var reference in group.Entity.ReferencedBy)
            {
                if (model.FindEntity(reference.Entity) is not { } child || child.Name == subject.Name) continue;
                var rows = await RowsAsync(connection,
                    $"SELECT {Row("t")} FROM {child.Table} t WHERE {Sql.Quote(reference.Field)} = ANY(@ids) ORDER BY created_at, id",
                    new { ids = group.Ids.ToArray() }, ct).ConfigureAwait(false);
                if (rows.Count == 0) continue;
                var into = children[child.Name] as JsonArray ?? (JsonArray)(children[child.Name] = new JsonArray())!;
                foreach (var row in rows) into.Add(row!.DeepClone());
            }
        }

        var links = new JsonObject();
        foreach (var relation in scope.Relations)
            links[relation.Name] = await RowsAsync(connection,
                $"SELECT {Row("l")} FROM {model.Names.Table(relation.Name)} l WHERE {(relation.From == subject.Name ? "source_id" : "target_id")} = @id ORDER BY created_at, id",
                new { id }, ct).ConfigureAwait(false);

        var addresses = await AddressesAsync(connection, subject, id, ct).ConfigureAwait(false);
        var document = new JsonObject
        {
            ["subject"] = new JsonObject { ["entity"] = subject.Name, ["id"] = id },
            ["exportedAt"] = DateTimeOffset.UtcNow,
            ["exportedBy"] = principal.UserName,
            ["record"] = (await RowsAsync(connection, $"SELECT {Row("t")} FROM {subject.Table} t WHERE id = @id", new { id }, ct).ConfigureAwait(false))[0]!.DeepClone(),
            ["related"] = related,
            ["children"] = children,
            ["links"] = links,
            ["consents"] = await RowsAsync(connection,
                $"SELECT {Row("c")} FROM {S}.consent c WHERE subject_entity = @entity AND subject_id = @id ORDER BY seq",
                new { entity = subject.Name, id }, ct).ConfigureAwait(false),
            ["restriction"] = (await RowsAsync(connection,
                $"SELECT {Row("r")} FROM {S}.restriction r WHERE subject_entity = @entity AND subject_id = @id",
                new { entity = subject.Name, id }, ct).ConfigureAwait(false)).FirstOrDefault()?.DeepClone(),
            ["messages"] = await RowsAsync(connection,
                $"SELECT {Row("m")} FROM {S}.message m WHERE record_id = ANY(@ids) OR lower(recipient) = ANY(@addresses) ORDER BY created_at, id",
                new { ids, addresses }, ct).ConfigureAwait(false),
            ["events"] = await RowsAsync(connection,
                $"SELECT {Row("e")} FROM {S}.event e WHERE record_id = ANY(@ids) ORDER BY occurred_at, id", new { ids }, ct).ConfigureAwait(false),
            ["automationRuns"] = await RowsAsync(connection,
                $"SELECT {Row("r")} FROM {S}.automation_run r WHERE record_id = ANY(@ids) ORDER BY created_at, id", new { ids }, ct).ConfigureAwait(false),
            ["audit"] = await RowsAsync(connection,
                $"SELECT {Row("a")} FROM {S}.audit a WHERE record_id = ANY(@ids) OR record_ids && @ids ORDER BY id", new { ids }, ct).ConfigureAwait(false),
        };

        var personal = subject.Fields.Where(f => f.Definition.PersonalData).Select(f => f.Name).ToArray();
        await audit.RecordExportAsync(principal, subject.Name, [id], personal, ct).ConfigureAwait(false);
        return document;
    }

    /// <summary>The subject's e-mail addresses and phone numbers, lower-cased: messages are found by recipient too.</summary>
    internal static Task<string[]> AddressesAsync(NpgsqlConnection connection, CompiledEntity subject, Guid id, CancellationToken ct,
        NpgsqlTransaction? tx = null) => AddressesAsync(connection, subject, [id], ct, tx);

    /// <summary>The e-mail addresses and phone numbers of these records, lower-cased.</summary>
    internal static async Task<string[]> AddressesAsync(NpgsqlConnection connection, CompiledEntity entity, Guid[] ids, CancellationToken ct,
        NpgsqlTransaction? tx = null)
    {
        var fields = entity.Fields.Where(f => f.Type is FieldType.Email or FieldType.Phone).ToArray();
        if (fields.Length == 0) return [];
        var values = await connection.QueryAsync<string?>(new CommandDefinition(
            $"SELECT DISTINCT lower(v) FROM {entity.Table}, unnest(ARRAY[{string.Join(", ", fields.Select(f => f.Column + "::text"))}]) v WHERE id = ANY(@ids) AND v <> ''",
            new { ids }, tx, cancellationToken: ct)).ConfigureAwait(false);
        return values.OfType<string>().ToArray();
    }

    private static string Row(string alias) => $"to_jsonb({alias})::text";

    private static async Task<JsonArray> RowsAsync(NpgsqlConnection connection, string sql, object args, CancellationToken ct)
    {
        var rows = await connection.QueryAsync<string>(new CommandDefinition(sql, args, cancellationToken: ct)).ConfigureAwait(false);
        return new JsonArray(rows.Select(r => JsonNode.Parse(r)).ToArray());
    }
}
