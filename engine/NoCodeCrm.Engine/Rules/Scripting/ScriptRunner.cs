using Jint.Native;
using NoCodeCrm.Engine.Rules.Conditions;

namespace NoCodeCrm.Engine.Rules.Scripting;

/// <summary>Runs a script on the engine the context holds for its write, or on one rented for this evaluation only.</summary>
internal static class ScriptRunner
{
    public static JsValue Run(ScriptEnginePool pool, RuleScript script, RuleContext context)
    {
        if (context.Engine is { } held) return held.Run(script, context);
        var engine = pool.Rent();
        try
        {
            return engine.Run(script, context);
        }
        finally
        {
            pool.Return(engine);
        }
    }
}
