namespace NoCodeCrm.Engine.Workflows;

/// <summary>Thrown inside a timer's write when another node fired the timer first; it rolls the write back and the sweep moves on.</summary>
public sealed class WorkflowTimerTakenException : Exception
{
    public WorkflowTimerTakenException() : base("The workflow timer has already fired.") { }
    public WorkflowTimerTakenException(string message) : base(message) { }
    public WorkflowTimerTakenException(string message, Exception inner) : base(message, inner) { }
}
