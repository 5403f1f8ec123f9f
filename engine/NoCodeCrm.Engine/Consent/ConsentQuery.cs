namespace NoCodeCrm.Engine.Consent;

/// <summary>
/// Filters of <c>GET /api/consents</c>. Without <see cref="History"/> each person × channel × purpose appears once, as its
/// current decision (and <see cref="Status"/> filters on that); with it every decision is listed, newest first.
/// </summary>
public sealed record ConsentQuery(Guid? Person = null, string? Channel = null, string? Purpose = null, string? Status = null, bool History = false, int Top = 100)
{
    public const int MaxTop = 1000;
}
