using System.Text.Json;
using Dapper;
using Npgsql;
using NoCodeCrm.Engine.Compiled;
using NoCodeCrm.Engine.Errors;
using NoCodeCrm.Engine.Metadata;
using NoCodeCrm.Engine.Metadata.Validation;
using NoCodeCrm.Engine.Schema;

namespace NoCodeCrm.Engine.Publishing;

/// <summary>
/// Publishes metadata: validate → diff → check the data → run the DDL and store the version in one transaction → swap the
/// compiled model. Publishes are serialised by an advisory lock; a preview runs the same steps but changes nothing.
/// </summary>
public sealed class MetadataPublisher(NpgsqlDataSource dataSource, ModelRegistry registry, MetadataStore store)
{
    public const string NotifyChannel = "nocodecrm_metadata";

    /// <summary>How long DDL waits for a busy table before the publish fails cleanly instead of queueing every query behind it.</summary>
    public TimeSpan LockTimeout { get; init; } = TimeSpan.FromSeconds(3);

    public async Task<PublishResult> PreviewAsync(PublishRequest request, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct).ConfigureAwait(false);
        var result = await PrepareAsync(connection, tx, request, ct).ConfigureAwait(false);
        await tx.RollbackAsync(ct).ConfigureAwait(false);
        return result.Result;
    }

    public async Task<PublishResult> PublishAsync(PublishRequest request, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        await LockPublishingAsync(connection, tx, ct).ConfigureAwait(false);
        var (result, model, plan) = await PrepareAsync(connection, tx, request, ct).ConfigureAwait(false);
        if (!result.Valid || model is null || plan is null)
        {
            var blocking = result.Impact.Where(i => i.Blocking).ToList();
            if (result.Errors.Count > 0)
                throw CrmException.Invalid("The metadata document is not valid.", result.Errors);
            throw new CrmException(CrmErrorKind.Conflict, "dataWouldBeLost",
                "The change would lose data; nothing was published.",
                blocking.Select(b => new CrmError(b.Path, "dataWouldBeLost", b.Message)).ToList(), blocking);
        }

        await RunDdlAsync(connection, tx, plan.Statements, ct).ConfigureAwait(false);
        // New and changed rollup fields are filled for existing records before the version becomes visible.
        var previous = await store.LatestAsync(connection, tx, ct).ConfigureAwait(false);
        await NoCodeCrm.Engine.Rollups.RollupBackfill.RunAsync(connection, tx, registry.Names,
            previous is null ? CrmModel.Empty : ModelJson.Parse(previous.Document), model, ct).ConfigureAwait(false);
        await CommitVersionAsync(connection, tx, model, request.Author, request.Comment, request.RestoredFrom, ct).ConfigureAwait(false);
        return result with { Published = true };
    }

    /// <summary>Drops a retired field's column for good: the explicit, separate step after retiring.</summary>
    public async Task<PublishResult> PurgeFieldAsync(string entityName, string fieldName, string author, int? expectedVersion, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        await LockPublishingAsync(connection, tx, ct).ConfigureAwait(false);
        var latest = await store.LatestAsync(connection, tx, ct).ConfigureAwait(false)
            ?? throw CrmException.NotFound("Nothing is published yet.");
        var current = ModelJson.Parse(latest.Document) with { Version = latest.Version };
        if (expectedVersion is { } expected && expected != current.Version)
            throw new CrmException(CrmErrorKind.PreconditionFailed, "staleVersion", $"The metadata changed since version {expected}; the current version is {current.Version}.");
        var entity = current.FindEntity(entityName) ?? throw CrmException.NotFound($"There is no entity named '{entityName}'.");
        var field = entity.FindField(fieldName) ?? throw CrmException.NotFound($"'{entityName}' has no field '{fieldName}'.");
        if (!field.Retired)
            throw new CrmException(CrmErrorKind.Conflict, "notRetired", $"Retire '{entityName}.{fieldName}' first; purging deletes its data for good.");

        var model = current with
        {
            Version = current.Version + 1,
            Entities = current.Entities.Replace(entity, entity with { Fields = entity.Fields.Remove(field) }),
        };
        var statements = new List<string> { $"ALTER TABLE {registry.Names.Table(entityName)} DROP COLUMN {Sql.Quote(fieldName)}" };
        if (field.Type == FieldType.Autonumber) statements.Add($"DROP SEQUENCE IF EXISTS {registry.Names.Sequence(entityName, fieldName)}");
        await RunDdlAsync(connection, tx, statements, ct).ConfigureAwait(false);
        await CommitVersionAsync(connection, tx, model, author, $"Purged {entityName}.{fieldName}", null, ct).ConfigureAwait(false);
        var changes = MetadataDiff.Compute(ModelJson.ToElement(current), ModelJson.ToElement(model));
        return new PublishResult(true, true, current.Version, model.Version, [], changes, statements, []);
    }

    private static Task<int> LockPublishingAsync(NpgsqlConnection connection, NpgsqlTransaction tx, CancellationToken ct) =>
        connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_xact_lock(hashtext('nocodecrm.publish'))", transaction: tx, cancellationToken: ct));

    /// <summary>Runs DDL under the lock timeout: a busy table fails the publish at once instead of queueing every query behind it.</summary>
    private async Task RunDdlAsync(NpgsqlConnection connection, NpgsqlTransaction tx, IEnumerable<string> statements, CancellationToken ct)
    {
        try
        {
            await connection.ExecuteAsync(new CommandDefinition(
                $"SET LOCAL lock_timeout = '{(int)LockTimeout.TotalMilliseconds}ms'; SET LOCAL TimeZone = 'UTC'", transaction: tx, cancellationToken: ct)).ConfigureAwait(false);
            foreach (var statement in statements)
                await connection.ExecuteAsync(new CommandDefinition(statement, transaction: tx, cancellationToken: ct, commandTimeout: 0)).ConfigureAwait(false);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.LockNotAvailable)
        {
            throw new CrmException(CrmErrorKind.Busy, "tableBusy",
                $"A table is in use and could not be changed within {LockTimeout.TotalSeconds:0.#} s; nothing was published. Try again.");
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            throw new CrmException(CrmErrorKind.Conflict, "duplicateValues", $"A unique index could not be built: {ex.Detail ?? ex.MessageText}");
        }
    }

    /// <summary>Stores the version, tells the other nodes, commits, and swaps this node's compiled model.</summary>
    private async Task CommitVersionAsync(NpgsqlConnection connection, NpgsqlTransaction tx, CrmModel model, string author, string? comment, int? restoredFrom, CancellationToken ct)
    {
        await store.InsertAsync(connection, tx, model.Version, ModelJson.Serialize(model), author, comment, restoredFrom, ct).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition($"SELECT pg_notify('{NotifyChannel}', @v)",
            new { v = model.Version.ToString(System.Globalization.CultureInfo.InvariantCulture) }, tx, cancellationToken: ct)).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
        registry.Install(model);
    }

    private async Task<(PublishResult Result, CrmModel? Model, SchemaPlan? Plan)> PrepareAsync(
        NpgsqlConnection connection, NpgsqlTransaction tx, PublishRequest request, CancellationToken ct)
    {
        var latest = await store.LatestAsync(connection, tx, ct).ConfigureAwait(false);
        var current = latest is null ? CrmModel.Empty : ModelJson.Parse(latest.Document) with { Version = latest.Version };
        var baseVersion = current.Version;
        if (request.ExpectedVersion is { } expected && expected != baseVersion)
            throw new CrmException(CrmErrorKind.PreconditionFailed, "staleVersion",
                $"The metadata changed since version {expected}; the current version is {baseVersion}. Reload and apply your change again.");

        CrmModel model;
        try
        {
            var incoming = MetadataDocumentReader.Read(request.Document);
            model = RetiredCarryOver.Apply(current, incoming) with { Version = baseVersion + 1 };
        }
        catch (CrmException ex) when (ex.Kind == CrmErrorKind.Validation)
        {
            return (new PublishResult(false, false, baseVersion, baseVersion + 1, ex.Errors, [], [], []), null, null);
        }
        var errors = ModelValidator.Validate(model).ToList();
        errors.AddRange(await CheckCollationAsync(connection, tx, model.Settings, ct).ConfigureAwait(false));

        var changes = MetadataDiff.Compute(ModelJson.ToElement(current), ModelJson.ToElement(model));
        if (errors.Count > 0)
            return (new PublishResult(false, false, baseVersion, model.Version, errors, changes, [], []), null, null);

        var plan = SchemaPlanner.Plan(registry.Names, model, SchemaDiff.Compute(current, model));
        errors.AddRange(plan.Errors);
        var impact = await DataCheckRunner.RunAsync(connection, tx, registry.Names, plan.Checks, ct).ConfigureAwait(false);
        var valid = errors.Count == 0 && !impact.Any(i => i.Blocking);
        return (new PublishResult(valid, false, baseVersion, model.Version, errors, changes, plan.Statements, impact), valid ? model : null, plan);
    }

    private static async Task<IEnumerable<CrmError>> CheckCollationAsync(NpgsqlConnection connection, NpgsqlTransaction tx, ModelSettings settings, CancellationToken ct)
    {
        var name = settings.DefaultLanguage + "-x-icu";
        var exists = await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM pg_collation WHERE collname = @name)", new { name }, tx, cancellationToken: ct)).ConfigureAwait(false);
        return exists ? [] : [new CrmError("$.settings.defaultLanguage", "unknownCollation", $"The database has no ICU collation '{name}' for this language.")];
    }

    /// <summary>Loads the latest published version into the registry (at start-up, and when another node publishes).</summary>
    public async Task<CompiledModel> LoadLatestAsync(CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        var latest = await store.LatestAsync(connection, null, ct).ConfigureAwait(false);
        return latest is null ? registry.Current : registry.Install(ModelJson.Parse(latest.Document) with { Version = latest.Version });
    }

    internal static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement.Clone();
}
