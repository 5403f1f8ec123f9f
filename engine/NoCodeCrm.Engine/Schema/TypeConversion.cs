using NoCodeCrm.Engine.Fields;
using NoCodeCrm.Engine.Metadata;

namespace NoCodeCrm.Engine.Schema;

/// <summary>
/// How a column's values move from one field type to another: a predicate naming the rows that would lose data
/// (null when every value converts) and the <c>USING</c> expression. Null when the change is not supported at all.
/// </summary>
public sealed record TypeConversion(string? FailurePredicate, string Using, string Description)
{
    private static readonly FieldType[] TextLike = [FieldType.Text, FieldType.Textarea, FieldType.Email, FieldType.Phone, FieldType.Url, FieldType.Autonumber];
    private static readonly FieldType[] Numeric = [FieldType.Decimal, FieldType.Currency, FieldType.Percent];

    public static TypeConversion? Find(FieldDefinition from, FieldDefinition to, string column, string systemSchema)
    {
        var c = column;
        var s = Sql.Quote(systemSchema);
        var target = FieldTypes.Get(to.Type).ColumnType(to);
        var text = TextLike.Contains(to.Type);
        if (from.Type == to.Type && !Numeric.Contains(to.Type))
            return new TypeConversion(LengthCheck(to, c), c, "settings change");
        if (TextLike.Contains(from.Type) && text)
            return new TypeConversion(Combine(LengthCheck(to, c), FormatCheck(to, c)), c, "text to text");
        if (text)
            return from.Type switch
            {
                FieldType.Datetime => new TypeConversion(null, $"to_char({c} AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')", "date-time as ISO text"),
                FieldType.MultiChoice => new TypeConversion(LengthCheck(to, $"array_to_string({c}, ', ')"), $"array_to_string({c}, ', ')", "options joined by commas"),
                FieldType.Lookup or FieldType.User => null,
                _ => new TypeConversion(LengthCheck(to, $"{c}::text"), $"{c}::text", "value as text"),
            };
        if (TextLike.Contains(from.Type))
            return to.Type switch
            {
                FieldType.Integer => new TypeConversion($"trim({c}) !~ '^[+-]?[0-9]{{1,18}}$'", $"trim({c})::bigint", "text to whole number"),
                FieldType.Decimal or FieldType.Currency or FieldType.Percent =>
                    new TypeConversion($"{s}.try_numeric({c}) IS NULL OR {NumericLoss(to, $"{s}.try_numeric({c})")}", $"trim({c})::{target}", "text to number"),
                FieldType.Boolean => new TypeConversion($"lower(trim({c})) NOT IN ('true','false','t','f','yes','no','y','n','on','off','1','0')", $"trim({c})::boolean", "text to yes/no"),
                FieldType.Date => new TypeConversion($"{s}.try_date({c}) IS NULL", $"trim({c})::date", "ISO text to date"),
                FieldType.Datetime => new TypeConversion($"{s}.try_timestamptz({c}) IS NULL", $"trim({c})::timestamptz", "ISO text to date-time"),
                FieldType.Choice => new TypeConversion($"NOT ({c} = ANY({OptionArray(to)}))", c, "text to option"),
                FieldType.MultiChoice => new TypeConversion($"NOT ({c} = ANY({OptionArray(to)}))", $"ARRAY[{c}]::text[]", "text to one option"),
                _ => null,
            };
        return (from.Type, to.Type) switch
        {
            (FieldType.Integer, FieldType.Decimal or FieldType.Currency or FieldType.Percent) =>
                new TypeConversion(NumericLoss(to, $"{c}::numeric"), $"{c}::{target}", "whole number to decimal"),
            (FieldType.Decimal or FieldType.Currency or FieldType.Percent, FieldType.Decimal or FieldType.Currency or FieldType.Percent) =>
                new TypeConversion(NumericLoss(to, c), $"{c}::{target}", "decimal to decimal"),
            (FieldType.Decimal or FieldType.Currency or FieldType.Percent, FieldType.Integer) =>
                new TypeConversion($"{c} <> trunc({c}) OR abs({c}) > 9223372036854775807", $"{c}::bigint", "decimal to whole number"),
            (FieldType.Boolean, FieldType.Integer) => new TypeConversion(null, $"{c}::integer::bigint", "yes/no to 1/0"),
            (FieldType.Date, FieldType.Datetime) => new TypeConversion(null, $"({c}::timestamp AT TIME ZONE 'UTC')", "date to midnight UTC"),
            (FieldType.Datetime, FieldType.Date) =>
                new TypeConversion($"({c} AT TIME ZONE 'UTC')::time <> '00:00'", $"({c} AT TIME ZONE 'UTC')::date", "date-time at midnight UTC to date"),
            (FieldType.Choice, FieldType.MultiChoice) => new TypeConversion($"NOT ({c} = ANY({OptionArray(to)}))", $"ARRAY[{c}]::text[]", "option to a one-item list"),
            (FieldType.MultiChoice, FieldType.Choice) =>
                new TypeConversion($"cardinality({c}) > 1 OR NOT ({c}[1] = ANY({OptionArray(to)}))", $"{c}[1]", "one-item list to option"),
            (FieldType.Choice, FieldType.Choice) => new TypeConversion($"NOT ({c} = ANY({OptionArray(to)}))", c, "options changed"),
            (FieldType.MultiChoice, FieldType.MultiChoice) => new TypeConversion($"NOT ({c} <@ {OptionArray(to)})", c, "options changed"),
            (FieldType.Lookup, FieldType.Lookup) => new TypeConversion(null, c, "lookup settings"),
            (FieldType.User, FieldType.User) => new TypeConversion(null, c, "user settings"),
            _ => null,
        };
    }

    private static string OptionArray(FieldDefinition field) =>
        "ARRAY[" + string.Join(", ", field.Options.Select(o => Sql.Literal(o.Value))) + "]::text[]";

    private static string? LengthCheck(FieldDefinition to, string expression) =>
        to.MaxLength is { } max ? $"length({expression}) > {max}" : null;

    private static string? FormatCheck(FieldDefinition to, string c) => to.Type switch
    {
        FieldType.Email => $"{c} !~ '^[^@[:space:]]+@[^@[:space:]]+$'",
        FieldType.Url => $"{c} !~* '^https?://[^[:space:]]+$'",
        _ => null,
    };

    private static string NumericLoss(FieldDefinition to, string value)
    {
        var handler = (NumericFieldTypeBase)FieldTypes.Get(to.Type);
        var scale = handler.Scale(to);
        var integerDigits = handler.Precision(to) - scale;
        return $"({value} <> round({value}, {scale}) OR abs({value}) >= 1e{integerDigits})";
    }

    private static string? Combine(string? a, string? b) => a is null ? b : b is null ? a : $"({a}) OR ({b})";
}
