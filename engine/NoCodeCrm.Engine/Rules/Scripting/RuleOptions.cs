namespace NoCodeCrm.Engine.Rules.Scripting;

/// <summary>The sandbox limits of rule scripts (configuration section <c>Crm:Rules</c>); each one applies to one evaluation.</summary>
public sealed class RuleOptions
{
    /// <summary>Wall-clock time one evaluation may take.</summary>
    public int TimeoutMilliseconds { get; set; } = 200;
    /// <summary>Statements one evaluation may run; stops endless loops long before the time limit.</summary>
    public int MaxStatements { get; set; } = 50_000;
    /// <summary>Bytes one evaluation may allocate.</summary>
    public long MemoryLimitBytes { get; set; } = 8 * 1024 * 1024;
    /// <summary>Depth of nested function calls.</summary>
    public int RecursionLimit { get; set; } = 64;
    /// <summary>Engines kept for reuse; more are made under load and dropped when returned to a full pool.</summary>
    public int PoolSize { get; set; } = Math.Max(4, Environment.ProcessorCount * 2);
    /// <summary>Longest script text accepted in metadata.</summary>
    public int MaxScriptLength { get; set; } = 20_000;
}
