namespace NoCodeCrm.Engine.Security.Directory;

/// <summary>
/// The outcome of a login: the user and their security stamp on success; otherwise why not. A wrong password, an unknown
/// user and an inactive user all read the same to the caller, so names cannot be probed.
/// </summary>
public sealed record LoginResult(bool Succeeded, Guid UserId, string UserName, Guid SecurityStamp, bool LockedOut, DateTime? LockedUntil)
{
    public static readonly LoginResult Failed = new(false, Guid.Empty, "", Guid.Empty, false, null);
}
