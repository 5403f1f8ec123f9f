namespace NoCodeCrm.Engine.Workflows;

/// <summary>What a workflow-made write carries in <see cref="Records.RecordWriteOptions.Command"/>; only these may move a record out of an approval step or fire a timer.</summary>
public static class WorkflowCommands
{
    public const string Source = "workflow";
    public const string Approve = "approve";
    public const string Reject = "reject";
    /// <summary>Prefix of a timer firing: <c>timer:{id}</c>.</summary>
    public const string TimerPrefix = "timer:";
}
