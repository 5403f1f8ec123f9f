using System.Text.RegularExpressions;
using Acornima.Ast;
using Jint;

namespace NoCodeCrm.Engine.Rules.Scripting;

/// <summary>A rule script parsed once per model version; pooled engines turn it into a function on first use.</summary>
public sealed partial class RuleScript
{
    /// <summary>The parameters every script function takes, in order.</summary>
    internal const string Parameters = "record, previous, user, now, related";

    private RuleScript(string ruleName, string source, Prepared<Script> prepared, IReadOnlyList<string> relatedLookups)
    {
        RuleName = ruleName;
        Source = source;
        Prepared = prepared;
        RelatedLookups = relatedLookups;
    }

    /// <summary>The rule (or field) the script belongs to, named in every error.</summary>
    public string RuleName { get; }
    public string Source { get; }
    internal Prepared<Script> Prepared { get; }
    /// <summary>Lookup fields the script reads as <c>related.&lt;lookup&gt;</c>; the pipeline expands them before running it.</summary>
    public IReadOnlyList<string> RelatedLookups { get; }

    /// <summary>Parses the script; a syntax error gives <see cref="ScriptProblem"/>s instead.</summary>
    public static RuleScript? TryPrepare(string ruleName, string source, out IReadOnlyList<ScriptProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(source);
        problems = ScriptCheck.Check(source);
        if (problems.Count > 0 || !ScriptCheck.TryShape(source, out var shape, out var body, out _)) return null;
        // A script that parses on its own cannot close the wrapper function early, so the wrapper is sound.
        var wrapped = shape == ScriptShape.Expression
            ? $"(function ({Parameters}) {{ \"use strict\"; return (\n{body}\n); }})"
            : $"(function ({Parameters}) {{ \"use strict\";\n{source}\n}})";
        var prepared = Jint.Engine.PrepareScript(wrapped, ruleName, strict: true);
        return new RuleScript(ruleName, source, prepared, RelatedLookupsOf(source));
    }

    /// <summary>The lookups a script reads as <c>related.&lt;lookup&gt;</c> (found in its text, so they can be loaded before it runs).</summary>
    public static IReadOnlyList<string> RelatedLookupsOf(string source) =>
        RelatedPattern().Matches(source).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal).ToArray();

    [GeneratedRegex(@"\brelated\s*\.\s*([a-z][a-z0-9_]*)", RegexOptions.CultureInvariant)]
    private static partial Regex RelatedPattern();
}
