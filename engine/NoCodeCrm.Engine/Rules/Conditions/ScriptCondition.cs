using Jint.Runtime;
using NoCodeCrm.Engine.Rules.Scripting;

namespace NoCodeCrm.Engine.Rules.Conditions;

/// <summary>The script escape hatch of a condition tree: a prepared script whose result is read as JavaScript truthiness.</summary>
internal sealed class ScriptCondition(RuleScript script, ScriptEnginePool pool)
{
    public RuleScript Script => script;

    public bool Evaluate(RuleContext context) => TypeConverter.ToBoolean(ScriptRunner.Run(pool, script, context));
}
