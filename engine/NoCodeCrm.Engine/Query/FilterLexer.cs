using System.Collections.Immutable;

namespace NoCodeCrm.Engine.Query;

/// <summary>
/// Splits <c>$filter</c> and <c>$orderby</c> text into tokens. Never throws on bad input: the first thing it cannot read
/// becomes an <see cref="FilterTokenKind.Invalid"/> token and lexing stops there, so the parser reports whichever
/// problem comes first in the text.
/// </summary>
internal static class FilterLexer
{
    private const string NameRule =
        "names and keywords use only lower-case letters a-z, digits and '_', start with a letter and have at most 63 characters";

    /// <summary>The tokens of <paramref name="text"/>, ending with an <see cref="FilterTokenKind.End"/> or <see cref="FilterTokenKind.Invalid"/> token.</summary>
    public static ImmutableArray<FilterToken> Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = ImmutableArray.CreateBuilder<FilterToken>();
        var i = 0;
        while (true)
        {
            while (i < text.Length && IsWhiteSpace(text[i]))
                i++;
            if (i >= text.Length)
            {
                tokens.Add(new FilterToken(FilterTokenKind.End, string.Empty, text.Length));
                break;
            }
            var token = Next(text, i);
            tokens.Add(token);
            if (token.Kind == FilterTokenKind.Invalid)
                break;
            i = token.End;
        }
        return tokens.ToImmutable();
    }

    // Spaces and tabs as the grammar says; line breaks too, so a filter written over several lines in a saved view still reads.
    private static bool IsWhiteSpace(char c) => c is ' ' or '\t' or '\r' or '\n';

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c == '_';

    private static FilterToken Next(string text, int start)
    {
        var c = text[start];
        switch (c)
        {
            case '(':
                return new FilterToken(FilterTokenKind.OpenParen, "(", start);
            case ')':
                return new FilterToken(FilterTokenKind.CloseParen, ")", start);
            case ',':
                return new FilterToken(FilterTokenKind.Comma, ",", start);
            case '/':
                return new FilterToken(FilterTokenKind.Slash, "/", start);
            case '\'':
                return ReadString(text, start);
        }
        // A GUID can start with a letter (a-f) or a digit, so it is tried before names and numbers.
        if (char.IsAsciiHexDigit(c) && FilterLiteralText.IsGuidSyntax(text.AsSpan(start)))
            return ReadGuid(text, start);
        if (char.IsAsciiDigit(c) && FilterLiteralText.IsDateSyntax(text.AsSpan(start)))
            return ReadDateOrDateTime(text, start);
        if (char.IsAsciiDigit(c) || (c == '-' && start + 1 < text.Length && char.IsAsciiDigit(text[start + 1])))
            return ReadNumber(text, start);
        if (char.IsLetter(c) || c == '_')
            return ReadName(text, start);
        var length = char.IsHighSurrogate(c) && start + 1 < text.Length && char.IsLowSurrogate(text[start + 1]) ? 2 : 1;
        return new FilterToken(FilterTokenKind.Invalid, text.Substring(start, length), start);
    }

    private static FilterToken ReadString(string text, int start)
    {
        var i = start + 1;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '\0')
            {
                return new FilterToken(FilterTokenKind.Invalid, text[start..(i + 1)], start,
                    $"The string starting at position {start} contains a NUL character (at position {i}), which is not allowed.");
            }
            // Text from a URL cannot hold half a surrogate pair, but a filter saved in JSON can ("\ud800"), and PostgreSQL
            // would only fail on it later, while encoding the parameter.
            if (char.IsSurrogate(c))
            {
                if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    i += 2;
                    continue;
                }
                return new FilterToken(FilterTokenKind.Invalid, text[start..(i + 1)], start,
                    $"The string starting at position {start} contains half a surrogate pair (at position {i}), which is not valid text.");
            }
            if (c == '\'')
            {
                if (i + 1 < text.Length && text[i + 1] == '\'')
                {
                    i += 2;
                    continue;
                }
                return new FilterToken(FilterTokenKind.String, text[start..(i + 1)], start);
            }
            i++;
        }
        return new FilterToken(FilterTokenKind.Invalid, text[start..], start,
            $"Unterminated string starting at position {start}: close it with a single quote (write '' for a quote inside the text).");
    }

    private static FilterToken ReadName(string text, int start)
    {
        var end = start;
        while (end < text.Length && IsWordChar(text[end]))
            end++;
        var name = text[start..end];
        if (!QuerySyntax.IsIdentifier(name))
            return new FilterToken(FilterTokenKind.Invalid, name, start, $"Invalid name '{name}' at position {start}: {NameRule}.");
        return new FilterToken(FilterTokenKind.Identifier, name, start);
    }

    private static FilterToken ReadGuid(string text, int start)
    {
        var end = start + 36;
        if (end < text.Length && IsLiteralContinuation(text[end]))
            return Malformed(text, start);
        // The shape was checked, so this cannot fail; the check keeps lexer and FilterLiteral in step.
        var guid = text.Substring(start, 36);
        return FilterLiteralText.TryParseGuid(guid, out _)
            ? new FilterToken(FilterTokenKind.Guid, guid, start)
            : Malformed(text, start);
    }

    private static FilterToken ReadDateOrDateTime(string text, int start)
    {
        var end = start + 10;
        if (end < text.Length && text[end] == 'T')
            return ReadDateTime(text, start);
        if (end < text.Length && IsLiteralContinuation(text[end]))
            return Malformed(text, start);
        var date = text[start..end];
        return FilterLiteralText.TryParseDate(date, out _)
            ? new FilterToken(FilterTokenKind.Date, date, start)
            : new FilterToken(FilterTokenKind.Invalid, date, start,
                $"Invalid date '{date}' at position {start}: there is no such day (dates are written yyyy-MM-dd).");
    }

    private static FilterToken ReadDateTime(string text, int start)
    {
        // Take the longest run that can belong to a date-time, then let the strict reader judge it.
        var end = start + 11;
        while (end < text.Length && (char.IsAsciiDigit(text[end]) || text[end] is ':' or '.'))
            end++;
        var hasZone = false;
        if (end < text.Length && text[end] == 'Z')
        {
            end++;
            hasZone = true;
        }
        else if (end < text.Length && text[end] is '+' or '-')
        {
            end++;
            while (end < text.Length && (char.IsAsciiDigit(text[end]) || text[end] == ':'))
                end++;
            hasZone = true;
        }
        if (end < text.Length && IsLiteralContinuation(text[end]))
            return Malformed(text, start);
        var value = text[start..end];
        if (FilterLiteralText.TryParseDateTime(value, out _))
            return new FilterToken(FilterTokenKind.DateTime, value, start);
        var message = hasZone
            ? $"Invalid date-time '{value}' at position {start}: write yyyy-MM-ddThh:mm[:ss[.fffffff]] followed by Z or an offset such as +03:00."
            : $"Date-time '{value}' at position {start} has no time zone: add Z for UTC or an offset such as +03:00.";
        return new FilterToken(FilterTokenKind.Invalid, value, start, message);
    }

    private static FilterToken ReadNumber(string text, int start)
    {
        var end = start;
        if (text[end] == '-')
            end++;
        while (end < text.Length && char.IsAsciiDigit(text[end]))
            end++;
        if (end < text.Length && text[end] == '.')
        {
            end++;
            if (end >= text.Length || !char.IsAsciiDigit(text[end]))
                return Malformed(text, start);
            while (end < text.Length && char.IsAsciiDigit(text[end]))
                end++;
        }
        if (end < text.Length && text[end] is 'e' or 'E')
        {
            end++;
            if (end < text.Length && text[end] is '+' or '-')
                end++;
            if (end >= text.Length || !char.IsAsciiDigit(text[end]))
                return Malformed(text, start);
            while (end < text.Length && char.IsAsciiDigit(text[end]))
                end++;
        }
        if (end < text.Length && IsLiteralContinuation(text[end]))
            return Malformed(text, start);
        var number = text[start..end];
        return FilterLiteralText.TryParseNumber(number, out _)
            ? new FilterToken(FilterTokenKind.Number, number, start)
            : new FilterToken(FilterTokenKind.Invalid, number, start,
                $"Number {number} at position {start} is out of range: numbers must fit a decimal (at most about ±7.9e28, at least 1e-28 apart from 0).");
    }

    // What may not touch the end of a literal: 12abc, 1.2.3, 2024-05-01x, 5_000 are one malformed word, not two tokens.
    private static bool IsLiteralContinuation(char c) => IsWordChar(c) || c is '.' or '-' or '+' or ':' or '\'';

    private static FilterToken Malformed(string text, int start)
    {
        var end = start + 1;
        while (end < text.Length && IsLiteralContinuation(text[end]))
            end++;
        var word = text[start..end];
        return new FilterToken(FilterTokenKind.Invalid, word, start, $"Malformed literal '{word}' at position {start}: " +
            "expected a number (12, -3.5, 1e3), a date (2024-05-01), a date-time (2024-05-01T10:30:00Z) or a GUID.");
    }
}
