namespace NoCodeCrm.Runtime.Tests.Infrastructure;

/// <summary>
/// A clock that moves only when the test says so; by default it starts at the real time, so tokens and cookies the
/// runtime issues while it is in use stay valid.
/// </summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private readonly object _gate = new();
    private DateTimeOffset _now = start;

    public ManualClock() : this(DateTimeOffset.UtcNow) { }

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate) return _now;
    }

    public void Set(DateTimeOffset now)
    {
        lock (_gate) _now = now;
    }

    public void Advance(TimeSpan by)
    {
        lock (_gate) _now += by;
    }
}
