namespace NoCodeCrm.Engine.Query;

/// <summary>One item of <c>$orderby</c>: <c>path</c>, <c>path asc</c> or <c>path desc</c>.</summary>
public sealed record OrderByItem(FieldPath Path, bool Descending)
{
    public FieldPath Path { get; } = Path ?? throw new ArgumentNullException(nameof(Path));

    public bool Descending { get; } = Descending;

    public override string ToString() => Descending ? $"{Path} desc" : $"{Path} asc";
}
