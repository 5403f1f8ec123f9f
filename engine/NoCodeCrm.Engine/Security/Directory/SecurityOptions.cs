namespace NoCodeCrm.Engine.Security.Directory;

/// <summary>The <c>Crm:Security</c> configuration section.</summary>
public sealed class SecurityOptions
{
    /// <summary>Failed logins in a row that lock an account.</summary>
    public int MaxFailedLogins { get; set; } = 5;
    /// <summary>How long a locked account stays locked.</summary>
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);
    public int MinPasswordLength { get; set; } = 8;
}
