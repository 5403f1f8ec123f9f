using NoCodeCrm.Engine.Metadata.Conditions;

namespace NoCodeCrm.Engine.Metadata.Retention;

/// <summary>
/// A retention policy: records of <see cref="Entity"/> matching <see cref="Condition"/> whose <see cref="DateField"/> lies
/// more than <see cref="AfterDays"/> days back are deleted or anonymised by the nightly retention run.
/// </summary>
public sealed record RetentionPolicyDefinition
{
    public string Name { get; init; } = "";
    public string Entity { get; init; } = "";
    /// <summary>Which records the policy covers; none means every record of the entity.</summary>
    public ConditionDefinition? Condition { get; init; }
    /// <summary>A date or date-time field, or <c>created_at</c> / <c>updated_at</c>; the period counts from it. Default <c>created_at</c>.</summary>
    public string? DateField { get; init; }
    public int AfterDays { get; init; }
    public RetentionAction Action { get; init; }
    /// <summary>Kept in each deletion log row the policy writes (e.g. "KVKK md. 7, saklama süresi doldu").</summary>
    public string? LegalBasis { get; init; }
}
