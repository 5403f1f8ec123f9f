namespace NoCodeCrm.Engine.Automation.Compiled;

/// <summary>What a step of a rule's flattened program does.</summary>
public enum StepKind
{
    /// <summary>Runs an action (update, create, assign, send, webhook, wait).</summary>
    Action,
    /// <summary>Evaluates a branch condition: on true the next step, on false <see cref="AutomationStep.Target"/>.</summary>
    Branch,
    /// <summary>Goes to <see cref="AutomationStep.Target"/> (the end of a branch's then-part).</summary>
    Jump,
}
