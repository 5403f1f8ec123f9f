namespace NoCodeCrm.Engine.Metadata.Security;

/// <summary>Which records of an entity a role's right covers, from nothing to everything.</summary>
public enum AccessScope
{
    None,
    /// <summary>Records the user owns.</summary>
    Own,
    /// <summary>Records owned by the user or a member of the user's team.</summary>
    Team,
    /// <summary>Records owned by the user or anyone in the user's department or the departments below it.</summary>
    Department,
    All,
}
