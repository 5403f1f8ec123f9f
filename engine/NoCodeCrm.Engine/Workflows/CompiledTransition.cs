using NoCodeCrm.Engine.Automation.Compiled;

namespace NoCodeCrm.Engine.Workflows;

/// <summary>A transition with its condition compiled (null: always allowed).</summary>
public sealed record CompiledTransition(string To, IAutomationCondition? Condition);
