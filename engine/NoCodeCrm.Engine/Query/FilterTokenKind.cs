namespace NoCodeCrm.Engine.Query;

/// <summary>The kinds of token <see cref="FilterLexer"/> produces for <c>$filter</c> and <c>$orderby</c>.</summary>
internal enum FilterTokenKind
{
    /// <summary>A lower-case name: a field name or a keyword (<c>and</c>, <c>eq</c>, <c>true</c>, …).</summary>
    Identifier,
    String,
    Number,
    Date,
    DateTime,
    Guid,
    OpenParen,
    CloseParen,
    Comma,
    Slash,
    /// <summary>Something the lexer could not read; lexing stops here.</summary>
    Invalid,
    End,
}
