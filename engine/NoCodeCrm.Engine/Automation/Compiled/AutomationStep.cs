using NoCodeCrm.Engine.Metadata.Automation;

namespace NoCodeCrm.Engine.Automation.Compiled;

/// <summary>
/// One step of a rule's actions flattened into a program, so a run's progress is one number that survives restarts and
/// an action's idempotency key (run id + step index) never changes.
/// </summary>
public sealed record AutomationStep(int Index, StepKind Kind, ActionDefinition Action, string Path, IAutomationCondition? Condition, int Target);
