namespace NoCodeCrm.Engine.Security.Directory;

/// <summary>The outcome of checking a password against its stored hash.</summary>
public enum PasswordCheck
{
    Failed,
    Success,
    /// <summary>Correct, but hashed with older settings: store a fresh hash.</summary>
    SuccessRehashNeeded,
}
