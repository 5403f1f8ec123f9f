namespace NoCodeCrm.Engine.Metadata.Layout;

/// <summary>Records of another entity whose lookup field points at the form's record (a company's people).</summary>
public sealed record FormRelatedList
{
    public required string Entity { get; init; }
    /// <summary>The lookup field of <see cref="Entity"/> that targets the form's entity.</summary>
    public required string Field { get; init; }
    public LocalizedText? Label { get; init; }
}
