namespace NoCodeCrm.Engine.Query;

/// <summary>One token of <c>$filter</c> or <c>$orderby</c>.</summary>
/// <param name="Kind">What the token is.</param>
/// <param name="Text">The token exactly as written in the input (strings keep their quotes).</param>
/// <param name="Position">Zero-based character offset of the token in the input.</param>
/// <param name="Error">
/// For an <see cref="FilterTokenKind.Invalid"/> token that is a malformed literal or name, the full message to report;
/// null for a plain unexpected character, which the parser reports together with what it expected there.
/// </param>
internal readonly record struct FilterToken(FilterTokenKind Kind, string Text, int Position, string? Error = null)
{
    public int End => Position + Text.Length;

    public bool IsKeyword(string keyword) => Kind == FilterTokenKind.Identifier && Text == keyword;

    /// <summary>How the token is named in an error message: <c>'eq'</c>, <c>string 'abc'</c>, <c>end of input</c>…</summary>
    public string Describe() => Kind switch
    {
        FilterTokenKind.End => "end of input",
        FilterTokenKind.String => "string " + Shorten(Text),
        FilterTokenKind.Number => "number " + Shorten(Text),
        FilterTokenKind.Date => "date " + Text,
        FilterTokenKind.DateTime => "date-time " + Text,
        FilterTokenKind.Guid => "GUID " + Text,
        FilterTokenKind.Invalid when Text.Length > 0 && (char.IsControl(Text[0]) || char.IsWhiteSpace(Text[0]) || char.IsSurrogate(Text[0])) =>
            $"character U+{CodePoint(Text):X4}",
        _ => "'" + Shorten(Text) + "'",
    };

    private static int CodePoint(string text) =>
        text.Length >= 2 && char.IsSurrogatePair(text[0], text[1]) ? char.ConvertToUtf32(text[0], text[1]) : text[0];

    private static string Shorten(string text) => text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 37), "…");
}
