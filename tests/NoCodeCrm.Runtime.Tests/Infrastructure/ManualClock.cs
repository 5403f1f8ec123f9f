namespace NoCodeCrm.Runtime.Tests.Infrastructure;

/// <summary>A clock the test moves by hand; by default it starts at the real time so tokens and cookies issued by the runtime stay valid.</summary>
public sealed class ManualClock : TimeProvider
{
    private readonly object _gate = new();
    private DateTimeOffset _now;

    public ManualClock() : this(DateTimeOffset.UtcNow)
    {
    }

    public ManualClock(DateTimeOffset start) => _now = start;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate) return _now;
    }

    public void Advance(TimeSpan by)
    {
        lock (_gate) _now += by;
    }

    public void Set(DateTimeOffset now)
    {
        lock (_gate) _now = now;
    }
}
