namespace NoCodeCrm.Engine.Security;

/// <summary>Who is acting: the user behind a request or an automation, and the language they read.</summary>
public sealed record CrmPrincipal(Guid UserId, string UserName, bool IsAdministrator, string Language = "en")
{
    /// <summary>The built-in administrator's fixed id, so records it writes keep a stable owner across restarts.</summary>
    public static readonly Guid AdministratorId = new("00000000-0000-0000-0000-00000000000a");

    public static CrmPrincipal Administrator(string language = "en") => new(AdministratorId, "admin", true, language);
}
