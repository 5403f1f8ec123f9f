using Dapper;
using Npgsql;
using NoCodeCrm.Engine.Schema;

namespace NoCodeCrm.Engine.Publishing;

/// <summary>Reads and appends rows of the metadata version history; nothing is ever updated or deleted.</summary>
public sealed class MetadataStore(SchemaNames names)
{
    private readonly string _table = Sql.Qualified(names.SystemSchema, "metadata_version");
    private const string Columns = "version AS Version, document::text AS Document, author AS Author, published_at AS PublishedAt, comment AS Comment, restored_from AS RestoredFrom";

    public Task<MetadataVersionRow?> LatestAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, CancellationToken ct) =>
        connection.QuerySingleOrDefaultAsync<MetadataVersionRow>(new CommandDefinition(
            $"SELECT {Columns} FROM {_table} ORDER BY version DESC LIMIT 1", transaction: tx, cancellationToken: ct));

    public Task<MetadataVersionRow?> GetAsync(NpgsqlConnection connection, int version, CancellationToken ct) =>
        connection.QuerySingleOrDefaultAsync<MetadataVersionRow>(new CommandDefinition(
            $"SELECT {Columns} FROM {_table} WHERE version = @version", new { version }, cancellationToken: ct));

    public async Task<IReadOnlyList<MetadataVersionRow>> ListAsync(NpgsqlConnection connection, CancellationToken ct) =>
        (await connection.QueryAsync<MetadataVersionRow>(new CommandDefinition(
            $"SELECT version AS Version, '' AS Document, author AS Author, published_at AS PublishedAt, comment AS Comment, restored_from AS RestoredFrom FROM {_table} ORDER BY version DESC",
            cancellationToken: ct)).ConfigureAwait(false)).AsList();

    public Task InsertAsync(NpgsqlConnection connection, NpgsqlTransaction tx, int version, string document, string author, string? comment, int? restoredFrom, CancellationToken ct) =>
        connection.ExecuteAsync(new CommandDefinition(
            $"INSERT INTO {_table} (version, document, author, comment, restored_from) VALUES (@version, @document::jsonb, @author, @comment, @restoredFrom)",
            new { version, document, author, comment, restoredFrom }, tx, cancellationToken: ct));
}
