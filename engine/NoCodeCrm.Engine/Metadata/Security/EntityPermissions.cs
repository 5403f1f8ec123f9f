namespace NoCodeCrm.Engine.Metadata.Security;

/// <summary>A role's scope per operation on one entity (or on every entity, under <c>"*"</c>); an operation left out is none.</summary>
public sealed record EntityPermissions
{
    public AccessScope? Create { get; init; }
    public AccessScope? Read { get; init; }
    public AccessScope? Update { get; init; }
    public AccessScope? Delete { get; init; }
    /// <summary>Giving a record another owner.</summary>
    public AccessScope? Assign { get; init; }
    /// <summary>Sharing a record with a user or team.</summary>
    public AccessScope? Share { get; init; }
    public AccessScope? Export { get; init; }
}
