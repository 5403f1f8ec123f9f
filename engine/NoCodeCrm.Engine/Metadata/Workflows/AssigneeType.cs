namespace NoCodeCrm.Engine.Metadata.Workflows;

/// <summary>How a step finds the user who gets the record.</summary>
public enum AssigneeType
{
    User,
    /// <summary>The named team's lead.</summary>
    Team,
    /// <summary>The named team's active members in turn.</summary>
    TeamRoundRobin,
    /// <summary>The active users with the named role in turn.</summary>
    Role,
    /// <summary>The manager of the record owner's department.</summary>
    OwnerManager,
    /// <summary>The lead of the record owner's team.</summary>
    TeamLead,
}
