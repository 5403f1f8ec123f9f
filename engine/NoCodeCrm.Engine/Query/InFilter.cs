using System.Collections.Immutable;

namespace NoCodeCrm.Engine.Query;

/// <summary><c>path in (literal, literal, …)</c>, with at least one value. Equality compares the values in order.</summary>
public sealed record InFilter(FieldPath Path, ImmutableArray<FilterLiteral> Values) : FilterExpression
{
    public FieldPath Path { get; } = Path ?? throw new ArgumentNullException(nameof(Path));

    public ImmutableArray<FilterLiteral> Values { get; } = Validate(Values);

    public bool Equals(InFilter? other) =>
        other is not null && Path.Equals(other.Path) && Values.AsSpan().SequenceEqual(other.Values.AsSpan());

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Path);
        foreach (var value in Values)
            hash.Add(value);
        return hash.ToHashCode();
    }

    public override string ToString() => $"{Path} in ({string.Join(", ", Values.Select(v => v.Text))})";

    private static ImmutableArray<FilterLiteral> Validate(ImmutableArray<FilterLiteral> values)
    {
        if (values.IsDefaultOrEmpty)
            throw new ArgumentException("An in list needs at least one value.", nameof(values));
        foreach (var value in values)
            ArgumentNullException.ThrowIfNull(value, nameof(values));
        return values;
    }
}
