namespace NoCodeCrm.Engine.Query;

/// <summary><c>path has literal</c>: the multi-choice field at <c>path</c> contains the value.</summary>
public sealed record HasFilter(FieldPath Path, FilterLiteral Value) : FilterExpression
{
    public FieldPath Path { get; } = Path ?? throw new ArgumentNullException(nameof(Path));

    public FilterLiteral Value { get; } = Value ?? throw new ArgumentNullException(nameof(Value));

    public override string ToString() => $"{Path} has {Value.Text}";
}
