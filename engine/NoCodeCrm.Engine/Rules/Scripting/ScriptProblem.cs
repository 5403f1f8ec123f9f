namespace NoCodeCrm.Engine.Rules.Scripting;

/// <summary>A syntax error in a rule script, at a 1-based line and column of the script's own text.</summary>
public sealed record ScriptProblem(int Line, int Column, string Message);
