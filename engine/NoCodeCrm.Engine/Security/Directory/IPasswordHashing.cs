namespace NoCodeCrm.Engine.Security.Directory;

/// <summary>Password hashing, supplied by the host (ASP.NET Core Identity's <c>PasswordHasher</c> in the runtime).</summary>
public interface IPasswordHashing
{
    string Hash(string password);

    /// <summary>Checks a password against a stored hash.</summary>
    PasswordCheck Verify(string hash, string password);
}
