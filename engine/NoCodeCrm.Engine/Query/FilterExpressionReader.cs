using System.Collections.Immutable;

namespace NoCodeCrm.Engine.Query;

/// <summary>The recursive-descent reader behind <see cref="FilterParser"/>; one instance per parse.</summary>
internal sealed class FilterExpressionReader
{
    private const string ExpectedCondition = "a field name, 'not', '(' or a function (contains, startswith, endswith)";
    private const string ExpectedOperator = "a comparison operator (eq, ne, gt, ge, lt, le, has, in)";
    private const string ExpectedValue =
        "a value (a string in single quotes, a number, true, false, null, a date, a date-time or a GUID)";

    private readonly TokenCursor _cursor;
    private int _conditions;

    private FilterExpressionReader(TokenCursor cursor) => _cursor = cursor;

    public static FilterExpression Read(TokenCursor cursor)
    {
        var reader = new FilterExpressionReader(cursor);
        var filter = reader.ReadOr(depth: 0);
        if (cursor.Current.Kind != FilterTokenKind.End)
            throw cursor.Unexpected("'and', 'or' or end of input");
        return filter;
    }

    // and/or chains are read with loops, not recursion, so only parentheses and 'not' deepen the stack;
    // those are what the depth limit counts.
    private FilterExpression ReadOr(int depth)
    {
        var left = ReadAnd(depth);
        while (_cursor.TryConsumeKeyword("or"))
            left = new LogicalFilter(LogicalOperator.Or, left, ReadAnd(depth));
        return left;
    }

    private FilterExpression ReadAnd(int depth)
    {
        var left = ReadUnary(depth);
        while (_cursor.TryConsumeKeyword("and"))
            left = new LogicalFilter(LogicalOperator.And, left, ReadUnary(depth));
        return left;
    }

    private FilterExpression ReadUnary(int depth)
    {
        var token = _cursor.Current;
        if (token.IsKeyword("not"))
        {
            EnterNesting(token, depth + 1);
            _cursor.Advance();
            return new NotFilter(ReadUnary(depth + 1));
        }
        if (token.Kind == FilterTokenKind.OpenParen)
        {
            EnterNesting(token, depth + 1);
            _cursor.Advance();
            var inner = ReadOr(depth + 1);
            if (_cursor.Current.Kind != FilterTokenKind.CloseParen)
                throw _cursor.Unexpected("'and', 'or' or ')'");
            _cursor.Advance();
            return inner;
        }
        if (token.Kind == FilterTokenKind.Identifier && _cursor.Next.Kind == FilterTokenKind.OpenParen &&
            !QuerySyntax.IsReservedWord(token.Text))
        {
            return ReadFunction();
        }
        return ReadCondition();
    }

    private void EnterNesting(FilterToken token, int depth)
    {
        if (depth > QuerySyntax.MaxNestingDepth)
        {
            throw _cursor.Error(token.Position,
                $"Nesting too deep at position {token.Position}: at most {QuerySyntax.MaxNestingDepth} levels of parentheses and 'not' are allowed.");
        }
    }

    private void CountCondition(int position)
    {
        if (++_conditions > QuerySyntax.MaxComparisons)
        {
            throw _cursor.Error(position,
                $"Too many conditions at position {position}: a filter may have at most {QuerySyntax.MaxComparisons} comparisons.");
        }
    }

    private FilterExpression ReadFunction()
    {
        var name = _cursor.Advance();
        var kind = QuerySyntax.TextMatchKindFor(name.Text) ?? throw _cursor.Error(name.Position,
            $"Unknown function '{name.Text}' at position {name.Position}: the functions are contains, startswith and endswith.");
        CountCondition(name.Position);
        _cursor.Advance(); // '('
        var path = _cursor.ReadPath("a field name");
        _cursor.Expect(FilterTokenKind.Comma, "','");
        var text = _cursor.Current;
        if (text.Kind != FilterTokenKind.String)
            throw _cursor.Unexpected("a string in single quotes");
        _cursor.Advance();
        _cursor.Expect(FilterTokenKind.CloseParen, "')'");
        FilterExpression match = new TextMatchFilter(kind, path, new FilterLiteral(FilterLiteralKind.String, text.Text, text.Position));

        // OData also allows comparing the function's result with a boolean: contains(name, 'x') eq false.
        if (!_cursor.IsKeyword("eq") && !_cursor.IsKeyword("ne"))
            return match;
        var negate = _cursor.Advance().Text == "ne";
        var boolean = _cursor.Current;
        if (!boolean.IsKeyword("true") && !boolean.IsKeyword("false"))
            throw _cursor.Unexpected("true or false");
        _cursor.Advance();
        if (boolean.Text == "false")
            negate = !negate;
        return negate ? new NotFilter(match) : match;
    }

    private FilterExpression ReadCondition()
    {
        var path = _cursor.ReadPath(ExpectedCondition);
        CountCondition(path.Position);
        var op = _cursor.Current;
        if (op.Kind == FilterTokenKind.Identifier && QuerySyntax.ComparisonOperatorFor(op.Text) is { } comparison)
        {
            _cursor.Advance();
            var value = ReadLiteral();
            if (value.IsNull && comparison is not (ComparisonOperator.Eq or ComparisonOperator.Ne))
            {
                throw _cursor.Error(value.Position,
                    $"Unexpected null at position {value.Position}: null can only be compared with eq or ne.");
            }
            return new ComparisonFilter(path, comparison, value);
        }
        if (_cursor.TryConsumeKeyword("has"))
            return new HasFilter(path, ReadLiteral());
        if (_cursor.TryConsumeKeyword("in"))
            return ReadInList(path);
        throw _cursor.Unexpected(ExpectedOperator);
    }

    private InFilter ReadInList(FieldPath path)
    {
        _cursor.Expect(FilterTokenKind.OpenParen, "'(' and a list of values");
        if (_cursor.Current.Kind == FilterTokenKind.CloseParen)
        {
            var position = _cursor.Current.Position;
            throw _cursor.Error(position, $"Empty list at position {position}: 'in' needs at least one value.");
        }
        var values = ImmutableArray.CreateBuilder<FilterLiteral>();
        while (true)
        {
            var value = ReadLiteral();
            if (values.Count == QuerySyntax.MaxInListItems)
            {
                throw _cursor.Error(value.Position,
                    $"Too many values at position {value.Position}: an 'in' list may have at most {QuerySyntax.MaxInListItems}.");
            }
            values.Add(value);
            if (_cursor.Current.Kind == FilterTokenKind.CloseParen)
            {
                _cursor.Advance();
                return new InFilter(path, values.ToImmutable());
            }
            _cursor.Expect(FilterTokenKind.Comma, "',' or ')'");
        }
    }

    private FilterLiteral ReadLiteral()
    {
        var token = _cursor.Current;
        FilterLiteralKind? kind = token.Kind switch
        {
            FilterTokenKind.String => FilterLiteralKind.String,
            FilterTokenKind.Number => FilterLiteralKind.Number,
            FilterTokenKind.Date => FilterLiteralKind.Date,
            FilterTokenKind.DateTime => FilterLiteralKind.DateTime,
            FilterTokenKind.Guid => FilterLiteralKind.Guid,
            FilterTokenKind.Identifier when token.Text is "true" or "false" => FilterLiteralKind.Boolean,
            FilterTokenKind.Identifier when token.Text is "null" => FilterLiteralKind.Null,
            _ => null,
        };
        if (kind is null)
            throw _cursor.Unexpected(ExpectedValue);
        _cursor.Advance();
        return new FilterLiteral(kind.Value, token.Text, token.Position);
    }
}
