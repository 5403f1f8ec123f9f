namespace NoCodeCrm.Engine.Pipelines;

/// <summary>Whose records a board or forecast shows, always within what the user may read.</summary>
public enum BoardScope
{
    /// <summary>Records the user owns.</summary>
    Mine,
    /// <summary>Records owned by members of the user's teams (and the user).</summary>
    Team,
    /// <summary>Every record the user may read.</summary>
    All,
}
