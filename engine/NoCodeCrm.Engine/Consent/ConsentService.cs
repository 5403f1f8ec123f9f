using System.Text.Json;
using System.Text.RegularExpressions;
using Dapper;
using Npgsql;
using NoCodeCrm.Engine.Compiled;
using NoCodeCrm.Engine.Errors;
using NoCodeCrm.Engine.Messaging;
using NoCodeCrm.Engine.Metadata;
using NoCodeCrm.Engine.Query;
using NoCodeCrm.Engine.Schema;
using NoCodeCrm.Engine.Security;

namespace NoCodeCrm.Engine.Consent;

/// <summary>
/// Consent records of the model's data subjects (<c>settings.consent.subject</c>), kept as an append-only history in
/// <c>crm_system.consent</c>; versioned consent texts; opt-out (API and signed unsubscribe links); the İYS export; and
/// the answer to "may this message go?" for <see cref="ConsentCheck"/>. Reading consents needs read access to the
/// subject entity, recording them update access.
/// </summary>
public sealed partial class ConsentService(NpgsqlDataSource dataSource, ModelRegistry registry, IRecordAccessPolicy access, SecretStore secrets,
    MessagingOptions options)
{
    private const string Columns = """
        id AS Id, subject_id AS Person, channel AS Channel, purpose AS Purpose, status AS Status, recipient AS Recipient, source AS Source,
        text_version AS TextVersion, to_char(valid_until, 'YYYY-MM-DD') AS ValidUntil, decided_at AS DecidedAt, proof_ip AS ProofIp, proof_user_agent AS ProofUserAgent,
        proof_document AS ProofDocument, recorded_by AS RecordedBy, recorded_by_name AS RecordedByName, recorded_at AS RecordedAt
        """;

    /// <summary>Who the history names for decisions made through an e-mail's unsubscribe link (no user is logged in).</summary>
    public const string UnsubscribeLinkRecorder = "recipient (unsubscribe link)";

    private string Table => Sql.Qualified(registry.Names.SystemSchema, "consent");
    private string TextTable => Sql.Qualified(registry.Names.SystemSchema, "consent_text");

    /// <summary>The subject entity, or a validation error saying consent is not configured.</summary>
    public static CompiledEntity Subject(CompiledModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.Model.Settings.Consent?.Subject is { } name && model.FindEntity(name) is { } entity
            ? entity
            : throw new CrmException(CrmErrorKind.Validation, "consentNotConfigured",
                "Consent is not configured: name the entity of the people who consent in settings.consent.subject.");
    }

    public async Task<StoredConsent> RecordAsync(CrmPrincipal principal, JsonElement body, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var model = registry.Current;
        var subject = Subject(model);
        access.Authorize(principal, subject, RecordOperation.Update);
        var request = ConsentRequestReader.ReadDecision(body, ConsentPurposes.Of(model.Model.Settings));

        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        var recipient = request.Recipient ?? await AddressOfAsync(connection, subject, request.Person, request.Channel, ct).ConfigureAwait(false);
        if (request.TextVersion is { } version)
        {
            var known = await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
                $"SELECT EXISTS (SELECT 1 FROM {TextTable} WHERE purpose = @purpose AND (channel IS NULL OR channel = @channel) AND version = @version)",
                new { purpose = request.Purpose, channel = request.Channel, version }, cancellationToken: ct)).ConfigureAwait(false);
            if (!known)
                throw CrmException.Invalid("The consent decision is not valid.", [new CrmError("$.textVersion", "unknownTextVersion",
                    $"There is no consent text version '{version}' for {request.Purpose} on {request.Channel}; add it with POST /api/consents/texts.")]);
        }
        else if (request.Status == ConsentStatuses.Granted && await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
                     $"SELECT EXISTS (SELECT 1 FROM {TextTable} WHERE purpose = @purpose AND (channel IS NULL OR channel = @channel))",
                     new { purpose = request.Purpose, channel = request.Channel }, cancellationToken: ct)).ConfigureAwait(false))
        {
            // A grant is only provable together with the exact text the person agreed to.
            throw CrmException.Invalid("The consent decision is not valid.", [new CrmError("$.textVersion", "required",
                "Consent texts are kept for this purpose and channel: name the version the person agreed to.")]);
        }

        return await connection.QuerySingleAsync<StoredConsent>(new CommandDefinition(
            $"""
             INSERT INTO {Table} (id, subject_entity, subject_id, channel, purpose, status, recipient, source, text_version, valid_until, decided_at,
                                  proof_ip, proof_user_agent, proof_document, recorded_by, recorded_by_name)
             VALUES (@id, @entity, @person, @channel, @purpose, @status, @recipient, @source, @textVersion, @validUntil::date, coalesce(@decidedAt::timestamptz, now()),
                     @ip, @userAgent, @document, @by, @byName)
             RETURNING {Columns}
             """,
            new
            {
                id = Guid.CreateVersion7(), entity = subject.Name, person = request.Person, channel = request.Channel, purpose = request.Purpose,
                status = request.Status, recipient, source = request.Source, textVersion = request.TextVersion,
                validUntil = request.ValidUntil is { } d ? d.ToDateTime(TimeOnly.MinValue) : (DateTime?)null, decidedAt = request.DecidedAt?.ToUniversalTime(),
                ip = request.ProofIp, userAgent = request.ProofUserAgent, document = request.ProofDocument, by = principal.UserId, byName = principal.UserName,
            },
            cancellationToken: ct)).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<StoredConsent>> ListAsync(CrmPrincipal principal, ConsentQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(principal);
        ArgumentNullException.ThrowIfNull(query);
        var model = registry.Current;
        var subject = Subject(model);
        access.Authorize(principal, subject, RecordOperation.Read);
        // Only the consents of people the reader may see.
        var builder = new SqlQueryBuilder(model, subject);
        var scope = RecordScopeFilter.Of(access, principal, subject, "cs.subject_id", builder);
        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        var filter = "subject_entity = @entity AND (@person::uuid IS NULL OR subject_id = @person) AND (@channel::text IS NULL OR channel = @channel) " +
                     "AND (@purpose::text IS NULL OR purpose = @purpose)" + (scope is null ? "" : " AND " + scope);
        var sql = query.History
            ? $"SELECT {Columns} FROM {Table} cs WHERE {filter} AND (@status::text IS NULL OR status = @status) ORDER BY seq DESC LIMIT @top"
            : $"""
               SELECT {Columns} FROM (
                   SELECT DISTINCT ON (subject_id, channel, purpose) * FROM {Table} cs WHERE {filter} ORDER BY subject_id, channel, purpose, seq DESC) c
               WHERE (@status::text IS NULL OR status = @status) ORDER BY seq DESC LIMIT @top
               """;
        var parameters = new DynamicParameters(new
        {
            entity = subject.Name, person = query.Person, channel = query.Channel, purpose = query.Purpose, status = query.Status,
            top = Math.Clamp(query.Top, 1, ConsentQuery.MaxTop),
        });
        foreach (var p in builder.Parameters) parameters.Add(p.ParameterName, p.Value);
        var rows = await connection.QueryAsync<StoredConsent>(new CommandDefinition(sql, parameters, cancellationToken: ct)).ConfigureAwait(false);
        return rows.AsList();
    }

    /// <summary>Withdraws every consent the person has granted, on every channel and for every purpose, in one statement.</summary>
    public async Task<IReadOnlyList<StoredConsent>> OptOutAsync(CrmPrincipal principal, Guid person, string source, string? ip, string? userAgent, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var subject = Subject(registry.Current);
        access.Authorize(principal, subject, RecordOperation.Update);
        await using (var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false))
            await AddressOfAsync(connection, subject, person, MessageChannels.Email, ct).ConfigureAwait(false);
        return await WithdrawAllAsync(subject, person, source, ip, userAgent, principal.UserId, principal.UserName, ct).ConfigureAwait(false);
    }

    /// <summary>Whether an unsubscribe token is genuine (the confirmation page is only shown for genuine links).</summary>
    public async Task<bool> IsGenuineUnsubscribeAsync(string token, CancellationToken ct)
    {
        var key = await secrets.GetOrCreateAsync(ConsentTokens.KeyName, 32, ct).ConfigureAwait(false);
        return ConsentTokens.VerifyUnsubscribe(key, token) is not null;
    }

    /// <summary>The opt-out behind an unsubscribe link; false (and nothing recorded) when the token is forged or damaged.</summary>
    public async Task<bool> UnsubscribeAsync(string token, string? ip, string? userAgent, CancellationToken ct)
    {
        var key = await secrets.GetOrCreateAsync(ConsentTokens.KeyName, 32, ct).ConfigureAwait(false);
        if (ConsentTokens.VerifyUnsubscribe(key, token) is not { } person) return false;
        var subject = Subject(registry.Current);
        await WithdrawAllAsync(subject, person, "unsubscribe link", ip, userAgent, null, UnsubscribeLinkRecorder, ct).ConfigureAwait(false);
        return true;
    }

    /// <summary>The unsubscribe link for a person's e-mails, or null without a public address recipients can reach.</summary>
    public async Task<string?> UnsubscribeLinkAsync(Guid person, CancellationToken ct)
    {
        if (!Uri.TryCreate(options.PublicBaseUrl, UriKind.Absolute, out _)) return null;
        var key = await secrets.GetOrCreateAsync(ConsentTokens.KeyName, 32, ct).ConfigureAwait(false);
        return $"{options.PublicBaseUrl!.TrimEnd('/')}/t/u/{ConsentTokens.ForUnsubscribe(key, person)}";
    }

    private async Task<IReadOnlyList<StoredConsent>> WithdrawAllAsync(CompiledEntity subject, Guid person, string source, string? ip, string? userAgent,
        Guid? by, string byName, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        var rows = await connection.QueryAsync<StoredConsent>(new CommandDefinition(
            $"""
             INSERT INTO {Table} (id, subject_entity, subject_id, channel, purpose, status, recipient, source, decided_at, proof_ip, proof_user_agent,
                                  recorded_by, recorded_by_name)
             SELECT gen_random_uuid(), c.subject_entity, c.subject_id, c.channel, c.purpose, 'withdrawn', c.recipient, @source, now(), @ip, @userAgent, @by, @byName
             FROM (SELECT DISTINCT ON (channel, purpose) * FROM {Table} WHERE subject_entity = @entity AND subject_id = @person
                   ORDER BY channel, purpose, seq DESC) c
             WHERE c.status = 'granted'
             RETURNING {Columns}
             """,
            new { entity = subject.Name, person, source, ip = Limit(ip, 100), userAgent = Limit(userAgent, 1000), by, byName },
            cancellationToken: ct)).ConfigureAwait(false);
        return rows.AsList();
    }

    public async Task<ConsentText> AddTextAsync(CrmPrincipal principal, JsonElement body, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(principal);
        if (!principal.IsAdministrator)
            throw new CrmException(CrmErrorKind.Forbidden, "forbidden", "Only administrators may change consent texts.");
        var text = ConsentRequestReader.ReadText(body, ConsentPurposes.Of(registry.Current.Model.Settings));
        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        try
        {
            return await connection.QuerySingleAsync<ConsentText>(new CommandDefinition(
                $"""
                 INSERT INTO {TextTable} (id, purpose, channel, version, text, changed_by, changed_by_name)
                 VALUES (@id, @purpose, @channel, @version, @text, @by, @byName)
                 RETURNING id AS Id, purpose AS Purpose, channel AS Channel, version AS Version, text AS Text, changed_by AS ChangedBy,
                           changed_by_name AS ChangedByName, changed_at AS ChangedAt
                 """,
                new { id = Guid.CreateVersion7(), text.Purpose, text.Channel, text.Version, text = text.Text, by = principal.UserId, byName = principal.UserName },
                cancellationToken: ct)).ConfigureAwait(false);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            // A published version is evidence of what people agreed to: it is never replaced, a change is a new version.
            throw new CrmException(CrmErrorKind.Conflict, "versionExists",
                $"Version '{text.Version}' of this consent text already exists; texts are never changed, add a new version.",
                [new CrmError("$.version", "versionExists", "Choose a new version.")]);
        }
    }

    public async Task<IReadOnlyList<ConsentText>> ListTextsAsync(string? purpose, string? channel, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        var rows = await connection.QueryAsync<ConsentText>(new CommandDefinition(
            $"""
             SELECT id AS Id, purpose AS Purpose, channel AS Channel, version AS Version, text AS Text, changed_by AS ChangedBy,
                    changed_by_name AS ChangedByName, changed_at AS ChangedAt
             FROM {TextTable}
             WHERE (@purpose::text IS NULL OR purpose = @purpose) AND (@channel::text IS NULL OR channel IS NULL OR channel = @channel)
             ORDER BY purpose, channel NULLS FIRST, changed_at DESC, version
             """,
            new { purpose, channel }, cancellationToken: ct)).ConfigureAwait(false);
        return rows.AsList();
    }

    /// <summary>The current decisions for one purpose as an İYS-style CSV (see <see cref="IysExport"/>).</summary>
    public async Task<string> ExportIysAsync(CrmPrincipal principal, string purpose, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var subject = Subject(registry.Current);
        access.Authorize(principal, subject, RecordOperation.Read);
        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        var rows = await connection.QueryAsync<StoredConsent>(new CommandDefinition(
            $"""
             SELECT {Columns} FROM (
                 SELECT DISTINCT ON (subject_id, channel) * FROM {Table} WHERE subject_entity = @entity AND purpose = @purpose
                 ORDER BY subject_id, channel, seq DESC) c
             ORDER BY seq
             """,
            new { entity = subject.Name, purpose }, cancellationToken: ct)).ConfigureAwait(false);
        return IysExport.Write(rows);
    }

    /// <summary>
    /// The people a message reaches or concerns: the subject records whose e-mail (or, for other channels, phone) fields
    /// hold the recipient, first; then the message's record when it is a subject; and when neither gives anyone, the
    /// subjects its record's lookups point to. Deleted people are not matched.
    /// </summary>
    public async Task<IReadOnlyList<Guid>> PeopleForMessageAsync(CompiledModel model, string channel, string recipient, string? entity, Guid? recordId,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(recipient);
        var subject = Subject(model);
        var people = new List<Guid>();
        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);

        var email = ConsentChannels.UsesEmailAddress(channel);
        var fields = subject.Fields.Where(f => f.Type == (email ? FieldType.Email : FieldType.Phone)).ToArray();
        var address = email ? recipient.Trim() : NormalizePhone(recipient);
        if (fields.Length > 0 && address.Length > 0)
        {
            var match = string.Join(" OR ", fields.Select(f => email
                ? $"lower({f.Column}) = lower(@address)"
                : $"regexp_replace({f.Column}, '[^0-9+]', '', 'g') = @address"));
            people.AddRange(await connection.QueryAsync<Guid>(new CommandDefinition(
                $"SELECT id FROM {subject.Table} WHERE {Sql.Quote(SystemColumns.DeletedAt)} IS NULL AND ({match}) LIMIT 20",
                new { address }, cancellationToken: ct)).ConfigureAwait(false));
        }
        if (entity is null || recordId is not { } id) return people;
        if (entity == subject.Name)
        {
            if (!people.Contains(id)) people.Add(id);
            return people;
        }
        if (people.Count > 0 || model.FindEntity(entity) is not { } about) return people;
        var lookups = about.Fields.Where(f => f.Type == FieldType.Lookup && f.Definition.Target == subject.Name).ToArray();
        if (lookups.Length == 0) return people;
        var values = await connection.QuerySingleOrDefaultAsync(new CommandDefinition(
            $"SELECT {string.Join(", ", lookups.Select((f, i) => $"{f.Column} AS l{i}"))} FROM {about.Table} WHERE id = @id",
            new { id }, cancellationToken: ct)).ConfigureAwait(false);
        if (values is IDictionary<string, object?> row)
            foreach (var value in row.Values)
                if (value is Guid person && !people.Contains(person)) people.Add(person);
        return people;
    }

    /// <summary>Whether every one of these people has a current, unexpired grant for the channel and purpose; the first refusal's reason otherwise.</summary>
    public async Task<ConsentDecision> DecideAsync(CompiledEntity subject, IReadOnlyList<Guid> people, string channel, string purpose, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(people);
        await using var connection = await dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        var current = await connection.QueryAsync<(Guid Person, string? Status, DateTime? ValidUntil, bool Expired)>(new CommandDefinition(
            $"""
             SELECT p, c.status, c.valid_until, coalesce(c.valid_until < current_date, false)
             FROM unnest(@people) AS p
             LEFT JOIN LATERAL (SELECT status, valid_until FROM {Table}
                                WHERE subject_entity = @entity AND subject_id = p AND channel = @channel AND purpose = @purpose
                                ORDER BY seq DESC LIMIT 1) c ON true
             """,
            new { people = people.ToArray(), entity = subject.Name, channel, purpose }, cancellationToken: ct)).ConfigureAwait(false);
        foreach (var (person, status, validUntil, expired) in current)
        {
            var reason = status switch
            {
                null => $"No {purpose} consent for {channel} is recorded for {subject.Name} {person}.",
                ConsentStatuses.Granted when expired => $"The {purpose} consent for {channel} of {subject.Name} {person} expired on {validUntil:yyyy-MM-dd}.",
                ConsentStatuses.Granted => null,
                _ => $"The {purpose} consent for {channel} of {subject.Name} {person} is {status}.",
            };
            if (reason is not null) return ConsentDecision.Refuse("Consent: " + reason);
        }
        return ConsentDecision.Allow;
    }

    private static async Task<string?> AddressOfAsync(NpgsqlConnection connection, CompiledEntity subject, Guid person, string channel, CancellationToken ct)
    {
        var fields = subject.Fields.Where(f => f.Type == (ConsentChannels.UsesEmailAddress(channel) ? FieldType.Email : FieldType.Phone)).ToArray();
        var select = fields.Length == 0 ? "NULL::text" : $"coalesce({string.Join(", ", fields.Select(f => $"nullif({f.Column}, '')"))})";
        var found = await connection.QuerySingleOrDefaultAsync<(Guid Id, string? Address)>(new CommandDefinition(
            $"SELECT id, {select} FROM {subject.Table} WHERE id = @person AND {Sql.Quote(SystemColumns.DeletedAt)} IS NULL",
            new { person }, cancellationToken: ct)).ConfigureAwait(false);
        if (found.Id == Guid.Empty)
            throw CrmException.Invalid("The consent decision is not valid.", [new CrmError("$.person", "unknownRecord", $"There is no {subject.Name} with id {person}.")]);
        return found.Address;
    }

    private static string NormalizePhone(string phone) => PhoneNoise().Replace(phone, "");

    private static string? Limit(string? value, int length) => value is null || value.Length <= length ? value : value[..length];

    [GeneratedRegex("[^0-9+]", RegexOptions.CultureInvariant)]
    private static partial Regex PhoneNoise();
}
