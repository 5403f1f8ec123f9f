using System.Collections.Immutable;

namespace NoCodeCrm.Engine.Query;

/// <summary>
/// A field, or a chain of lookups ending in a field: <c>name</c>, <c>company/name</c>, <c>company/parent/name</c>.
/// </summary>
/// <remarks>
/// Every segment is checked with <see cref="QuerySyntax.IsIdentifier"/> on construction, so a <see cref="FieldPath"/>
/// can never carry anything but a plain lower-case name. Whether the names exist is for the binder to say.
/// Equality compares the segments; <see cref="Position"/> is ignored.
/// </remarks>
/// <exception cref="ArgumentException">No segments, or a segment that is not a valid name.</exception>
public sealed record FieldPath(ImmutableArray<string> Segments)
{
    public ImmutableArray<string> Segments { get; } = Validate(Segments);

    /// <summary>Zero-based character offset of the path in the input, for error messages (0 when built by hand).</summary>
    public int Position { get; init; }

    /// <summary>The field the path ends in.</summary>
    public string Last => Segments[^1];

    /// <summary>True for a plain field of the queried entity (no lookup step).</summary>
    public bool IsSimple => Segments.Length == 1;

    /// <summary>Builds a path from <c>a/b/c</c> text; for code and tests, not for user input (use the parsers for that).</summary>
    public static FieldPath Of(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return new FieldPath([.. path.Split('/')]);
    }

    public bool Equals(FieldPath? other) =>
        other is not null && Segments.AsSpan().SequenceEqual(other.Segments.AsSpan());

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var segment in Segments)
            hash.Add(segment, StringComparer.Ordinal);
        return hash.ToHashCode();
    }

    public override string ToString() => string.Join('/', Segments);

    private static ImmutableArray<string> Validate(ImmutableArray<string> segments)
    {
        if (segments.IsDefaultOrEmpty)
            throw new ArgumentException("A field path needs at least one segment.", nameof(segments));
        foreach (var segment in segments)
        {
            if (!QuerySyntax.IsIdentifier(segment))
                throw new ArgumentException($"'{segment}' is not a valid field name.", nameof(segments));
        }
        return segments;
    }
}
