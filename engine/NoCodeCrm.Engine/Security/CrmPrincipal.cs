namespace NoCodeCrm.Engine.Security;

/// <summary>Who is acting: the user behind a request or an automation, their roles and organisation, and the language they read.</summary>
public sealed record CrmPrincipal(Guid UserId, string UserName, bool IsAdministrator, string Language = "en")
{
    /// <summary>The built-in administrator's fixed id, so records it writes keep a stable owner across restarts.</summary>
    public static readonly Guid AdministratorId = new("00000000-0000-0000-0000-00000000000a");

    /// <summary>The built-in role that may do everything.</summary>
    public const string AdministratorRole = "administrator";

    public static CrmPrincipal Administrator(string language = "en") =>
        new(AdministratorId, "admin", true, language) { Roles = [AdministratorRole] };

    /// <summary>The roles whose rights this principal has (their union); an API key has exactly its one role.</summary>
    public IReadOnlyList<string> Roles { get; init; } = [];
    /// <summary>The teams the user belongs to (team scope: records owned by their members).</summary>
    public IReadOnlyList<Guid> Teams { get; init; } = [];
    /// <summary>The user's department and every department below it (department scope).</summary>
    public IReadOnlyList<Guid> Departments { get; init; } = [];
    /// <summary>
    /// Entities with records shared with the user or their teams, as of the request's start; null when not known, and the
    /// share check then always runs. Lets row filters leave out the share test where nothing is shared, so a scope stays
    /// one indexed predicate that can also serve the sort.
    /// </summary>
    public IReadOnlySet<string>? SharedEntities { get; init; }
    /// <summary>Set when the request is authenticated by an API key rather than a user's session.</summary>
    public Guid? ApiKeyId { get; init; }
}
