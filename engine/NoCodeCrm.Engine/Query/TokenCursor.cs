using System.Collections.Immutable;

namespace NoCodeCrm.Engine.Query;

/// <summary>
/// Walks the tokens of one <c>$filter</c> or <c>$orderby</c> for the parsers, and words their errors the same way:
/// "Unexpected X at position N: expected Y."
/// </summary>
internal sealed class TokenCursor
{
    private readonly ImmutableArray<FilterToken> _tokens;
    private int _index;

    private TokenCursor(ImmutableArray<FilterToken> tokens, string parameter)
    {
        _tokens = tokens;
        Parameter = parameter;
        ThrowIfMalformed(Current);
    }

    /// <summary>The query parameter being parsed, <c>$filter</c> or <c>$orderby</c>, for exceptions.</summary>
    public string Parameter { get; }

    /// <summary>The next token to read. Never a malformed literal or name: those are reported as soon as they are reached.</summary>
    public FilterToken Current => _tokens[_index];

    /// <summary>The token after <see cref="Current"/>, or <see cref="Current"/> itself at the end.</summary>
    public FilterToken Next => _index + 1 < _tokens.Length ? _tokens[_index + 1] : Current;

    public static TokenCursor Create(string text, string parameter)
    {
        ArgumentNullException.ThrowIfNull(text);
        // Checked before lexing so an oversized input costs nothing more than its length.
        if (text.Length > QuerySyntax.MaxInputLength)
        {
            throw new QuerySyntaxException(parameter, QuerySyntax.MaxInputLength,
                $"The input is too long ({text.Length} characters): at most {QuerySyntax.MaxInputLength} are allowed.");
        }
        return new TokenCursor(FilterLexer.Tokenize(text), parameter);
    }

    /// <summary>Returns <see cref="Current"/> and moves past it.</summary>
    public FilterToken Advance()
    {
        var token = Current;
        if (token.Kind is FilterTokenKind.End or FilterTokenKind.Invalid)
            throw new InvalidOperationException("Cannot advance past the end of the input.");
        _index++;
        ThrowIfMalformed(Current);
        return token;
    }

    public bool IsKeyword(string keyword) => Current.IsKeyword(keyword);

    public bool TryConsumeKeyword(string keyword)
    {
        if (!Current.IsKeyword(keyword))
            return false;
        Advance();
        return true;
    }

    /// <summary>Consumes a token of <paramref name="kind"/>, or fails with "expected <paramref name="expected"/>".</summary>
    public FilterToken Expect(FilterTokenKind kind, string expected) =>
        Current.Kind == kind ? Advance() : throw Unexpected(expected);

    public QuerySyntaxException Unexpected(string expected) => Unexpected(Current, expected);

    public QuerySyntaxException Unexpected(FilterToken token, string expected) =>
        Error(token.Position, $"Unexpected {token.Describe()} at position {token.Position}: expected {expected}.");

    public QuerySyntaxException Error(int position, string message) => new(Parameter, position, message);

    /// <summary>
    /// Reads <c>name</c> or <c>name/name/…</c>. The slash must touch the names on both sides, as in OData, so
    /// <c>company / name</c> is refused rather than guessed at.
    /// </summary>
    public FieldPath ReadPath(string expected)
    {
        var first = Current;
        var segments = ImmutableArray.CreateBuilder<string>();
        segments.Add(ReadPathSegment(expected));
        var previousEnd = first.End;
        while (Current.Kind == FilterTokenKind.Slash)
        {
            var slash = Current;
            if (slash.Position != previousEnd)
                throw Error(slash.Position, $"Unexpected space before '/' at position {slash.Position}: a field path is written without spaces, like company/name.");
            Advance();
            var segment = Current;
            if (segment.Position != slash.End && segment.Kind != FilterTokenKind.End)
                throw Error(slash.End, $"Unexpected space after '/' at position {slash.End}: a field path is written without spaces, like company/name.");
            segments.Add(ReadPathSegment("a field name after '/'"));
            if (segments.Count > QuerySyntax.MaxPathSegments)
            {
                throw Error(segment.Position,
                    $"Field path too long at position {segment.Position}: a path may have at most {QuerySyntax.MaxPathSegments} segments.");
            }
            previousEnd = segment.End;
        }
        return new FieldPath(segments.ToImmutable()) { Position = first.Position };
    }

    private string ReadPathSegment(string expected)
    {
        var token = Current;
        if (token.Kind != FilterTokenKind.Identifier || QuerySyntax.IsReservedWord(token.Text))
            throw Unexpected(expected);
        Advance();
        return token.Text;
    }

    private void ThrowIfMalformed(FilterToken token)
    {
        if (token is { Kind: FilterTokenKind.Invalid, Error: { } message })
            throw Error(token.Position, message);
    }
}
