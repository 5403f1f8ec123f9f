namespace NoCodeCrm.Engine.Tests.Infrastructure;

/// <summary>A fact about running as root (where the cluster runs as the postgres user); skipped otherwise.</summary>
public sealed class RootFactAttribute : FactAttribute
{
    public RootFactAttribute()
    {
        if (!Environment.IsPrivilegedProcess)
        {
            Skip = "Only meaningful when the tests run as root.";
        }
    }
}
