namespace NoCodeCrm.Engine.Rules.Scripting;

/// <summary>How a script is written: a single expression (<c>record.amount * 0.18</c>) or statements that <c>return</c> a value.</summary>
public enum ScriptShape
{
    Expression,
    Statements,
}
