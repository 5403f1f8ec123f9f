namespace NoCodeCrm.Engine.Consent;

/// <summary>The decisions a consent record holds; only the latest <c>granted</c> one (still valid) lets a commercial message go.</summary>
public static class ConsentStatuses
{
    public const string Granted = "granted";
    public const string Denied = "denied";
    public const string Withdrawn = "withdrawn";

    public static readonly IReadOnlyList<string> All = [Granted, Denied, Withdrawn];
}
