namespace NoCodeCrm.Engine.Automation.Actions;

/// <summary>An action failure that retrying cannot fix (e.g. a webhook address the SSRF guard refuses); the run fails at once, replayable by hand.</summary>
public sealed class FinalActionException : Exception
{
    public FinalActionException() { }
    public FinalActionException(string message) : base(message) { }
    public FinalActionException(string message, Exception inner) : base(message, inner) { }
}
