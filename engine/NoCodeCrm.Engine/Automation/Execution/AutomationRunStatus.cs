namespace NoCodeCrm.Engine.Automation.Execution;

/// <summary>The states of an automation run as stored and shown in the run log.</summary>
public static class AutomationRunStatus
{
    public const string Pending = "pending";
    public const string Running = "running";
    /// <summary>Paused by a wait action until its time comes.</summary>
    public const string Waiting = "waiting";
    /// <summary>An action failed and will be tried again after a backoff.</summary>
    public const string Retrying = "retrying";
    public const string Succeeded = "succeeded";
    /// <summary>An action failed in a way retrying cannot fix (bad values, refused address); replayable.</summary>
    public const string Failed = "failed";
    /// <summary>Dead letter: an action kept failing through every attempt; replayable.</summary>
    public const string Dead = "dead";
    /// <summary>Stopped by loop protection: the chain of automation-caused writes went too deep.</summary>
    public const string Stopped = "stopped";
    /// <summary>Not run: the rule was removed or disabled, the record is gone, or its data subject's processing is restricted.</summary>
    public const string Skipped = "skipped";
}
