using Microsoft.AspNetCore.Identity;
using NoCodeCrm.Engine.Security.Directory;

namespace NoCodeCrm.Runtime.Auth;

/// <summary>ASP.NET Core Identity's <see cref="PasswordHasher{TUser}"/> (PBKDF2 with a per-password salt, versioned format).</summary>
public sealed class IdentityPasswordHashing : IPasswordHashing
{
    private readonly PasswordHasher<UserAccount> _hasher = new();

    public string Hash(string password) => _hasher.HashPassword(null!, password);

    public PasswordCheck Verify(string hash, string password) => _hasher.VerifyHashedPassword(null!, hash, password) switch
    {
        PasswordVerificationResult.Success => PasswordCheck.Success,
        PasswordVerificationResult.SuccessRehashNeeded => PasswordCheck.SuccessRehashNeeded,
        _ => PasswordCheck.Failed,
    };
}
