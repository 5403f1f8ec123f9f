using System.Collections.Concurrent;

namespace NoCodeCrm.Engine.Rules.Scripting;

/// <summary>A bounded pool of sandboxed engines: an engine serves one evaluation at a time, and building one costs far more than a rule.</summary>
internal sealed class ScriptEnginePool(RuleOptions options)
{
    private readonly ConcurrentBag<SandboxedEngine> _idle = [];
    private int _idleCount;

    public SandboxedEngine Rent()
    {
        if (_idle.TryTake(out var engine))
        {
            Interlocked.Decrement(ref _idleCount);
            return engine;
        }
        return new SandboxedEngine(options);
    }

    public void Return(SandboxedEngine engine)
    {
        if (!engine.Broken && Interlocked.Increment(ref _idleCount) <= options.PoolSize)
        {
            _idle.Add(engine);
            return;
        }
        if (!engine.Broken) Interlocked.Decrement(ref _idleCount);
        engine.Dispose();
    }
}
