namespace NoCodeCrm.Engine.Messaging;

/// <summary>Whether a recipient may be contacted through a channel, and why not.</summary>
public sealed record ConsentDecision(bool Allowed, string? Reason = null)
{
    public static readonly ConsentDecision Allow = new(true);

    public static ConsentDecision Refuse(string reason) => new(false, reason);
}
