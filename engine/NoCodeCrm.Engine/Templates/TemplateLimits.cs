namespace NoCodeCrm.Engine.Templates;

/// <summary>The sandbox limits of one template render; each has its own test.</summary>
public sealed record TemplateLimits
{
    public static readonly TemplateLimits Default = new();

    /// <summary>Loop iterations of one render, nested loops and builtins that iterate (ranges, array functions) included.</summary>
    public int LoopLimit { get; init; } = 1_000;
    /// <summary>How deep template functions (<c>func</c>) may call themselves.</summary>
    public int RecursiveLimit { get; init; } = 50;
    /// <summary>The longest string one value may become (padding, concatenation, conversion), in characters.</summary>
    public int StringLimit { get; init; } = 100_000;
    /// <summary>The longest output one part of a message may have, in characters.</summary>
    public int OutputLimit { get; init; } = 500_000;
    /// <summary>Wall-clock time one part may take; the limits above bound most templates, this one catches exponential recursion.</summary>
    public TimeSpan TimeLimit { get; init; } = TimeSpan.FromSeconds(1);
    /// <summary>Time one regular expression of a <c>regex.*</c> builtin may take (Scriban's default is 10 s).</summary>
    public TimeSpan RegexTimeout { get; init; } = TimeSpan.FromMilliseconds(100);
    /// <summary>Inline templates (automation action values) kept parsed per model version; more are parsed on each use.</summary>
    public int InlineCacheSize { get; init; } = 1_000;
}
