namespace NoCodeCrm.Engine.Records;

/// <summary>Where a write comes from: the source kept in audit and run logs, and the automation chain that caused it.</summary>
public sealed record RecordWriteOptions
{
    public static readonly RecordWriteOptions Api = new();

    /// <summary>api, import, automation or workflow.</summary>
    public string Source { get; init; } = "api";
    /// <summary>How many automation steps led to this write (0 for a user's own); automation stops a chain deeper than 8.</summary>
    public int Depth { get; init; }
    /// <summary>The automation rule whose action writes, if any.</summary>
    public string? Rule { get; init; }
    /// <summary>The idempotency key of the automation action that writes (run id and action index), stored with its effect.</summary>
    public string? ActionKey { get; init; }
    /// <summary>A workflow command behind the write (approve, reject, a timer firing); only workflows set it.</summary>
    public string? Command { get; init; }
    /// <summary>The comment that goes with <see cref="Command"/> into the workflow trail.</summary>
    public string? Comment { get; init; }
}
