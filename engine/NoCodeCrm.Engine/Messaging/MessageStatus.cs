namespace NoCodeCrm.Engine.Messaging;

/// <summary>Where a stored message stands; kept lower-case in <c>crm_system.message.status</c>.</summary>
public enum MessageStatus
{
    /// <summary>Stored, handed to the transport but not confirmed yet (or a send crashed half-way).</summary>
    Queued,
    Sent,
    /// <summary>The transport refused or could not be reached; a retry with the same action key tries again.</summary>
    Failed,
    /// <summary>The consent check refused it; never sent.</summary>
    Blocked,
}
