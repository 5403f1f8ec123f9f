namespace NoCodeCrm.Engine.Rules.Conditions;

/// <summary>A condition tree compiled once per model version to a .NET delegate (scripts inside it run in the sandbox).</summary>
public sealed class CompiledCondition
{
    private readonly Func<RuleContext, bool> _evaluate;

    internal CompiledCondition(string ruleName, Func<RuleContext, bool> evaluate, IReadOnlyList<string> lookupPaths)
    {
        RuleName = ruleName;
        _evaluate = evaluate;
        LookupPaths = lookupPaths;
    }

    public string RuleName { get; }

    /// <summary>Lookup paths (<c>company</c>, <c>company/parent</c>) whose records must be in <see cref="Records.StoredRecord.Expanded"/> first; see <see cref="RuleContextLoader"/>.</summary>
    public IReadOnlyList<string> LookupPaths { get; }

    /// <summary>Whether the condition holds; a failing script throws a <see cref="Errors.CrmException"/> with code <c>ruleFailed</c>.</summary>
    public bool Evaluate(RuleContext context) => _evaluate(context);
}
