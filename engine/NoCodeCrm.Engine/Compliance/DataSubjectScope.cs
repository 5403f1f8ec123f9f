using Dapper;
using Npgsql;
using NoCodeCrm.Engine.Compiled;
using NoCodeCrm.Engine.Consent;
using NoCodeCrm.Engine.Errors;
using NoCodeCrm.Engine.Metadata;
using NoCodeCrm.Engine.Schema;

namespace NoCodeCrm.Engine.Compliance;

/// <summary>
/// A data subject (a record of <c>settings.consent.subject</c>) and what is about them: every record of any entity whose
/// lookup points at them (deleted ones too) and their many-to-many links.
/// </summary>
public sealed record DataSubjectScope(CompiledEntity Subject, Guid Id, IReadOnlyList<RelatedRecords> Related, IReadOnlyList<RelationDefinition> Relations)
{
    /// <summary>The subject's id and the ids of every related record: system tables (messages, events, runs, audit) are searched by these.</summary>
    public Guid[] AllIds => [Id, .. Related.SelectMany(r => r.Ids)];

    /// <summary>Loads the scope, or throws not found when the subject has no such record.</summary>
    public static async Task<DataSubjectScope> LoadAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, CompiledModel model, Guid id, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(model);
        var subject = ConsentService.Subject(model);
        var exists = await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            $"SELECT EXISTS (SELECT 1 FROM {subject.Table} WHERE id = @id)", new { id }, tx, cancellationToken: ct)).ConfigureAwait(false);
        if (!exists) throw new CrmException(CrmErrorKind.NotFound, "notFound", $"There is no {subject.Name} with id {id}.");

        var related = new List<RelatedRecords>();
        foreach (var reference in subject.ReferencedBy)
        {
            if (model.FindEntity(reference.Entity) is not { } entity) continue;
            var ids = (await connection.QueryAsync<Guid>(new CommandDefinition(
                $"SELECT id FROM {entity.Table} WHERE {Sql.Quote(reference.Field)} = @id ORDER BY created_at, id", new { id }, tx,
                cancellationToken: ct)).ConfigureAwait(false)).AsList();
            if (ids.Count > 0) related.Add(new RelatedRecords(entity, reference.Field, ids));
        }
        var relations = model.Relations.Values.Where(r => !r.Retired && (r.From == subject.Name || r.To == subject.Name)).ToArray();
        return new DataSubjectScope(subject, id, related, relations);
    }
}
