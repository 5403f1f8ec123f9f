using System.Globalization;
using System.Text;
using Npgsql;
using NoCodeCrm.Engine.Compiled;
using NoCodeCrm.Engine.Errors;
using NoCodeCrm.Engine.Metadata;
using NoCodeCrm.Engine.Schema;

namespace NoCodeCrm.Engine.Query;

/// <summary>
/// Binds a parsed filter and sort to the compiled model and emits parameterised SQL. The text depends only on the
/// query's shape (values are parameters, <c>in</c> lists one array parameter), so prepared statements are reused.
/// </summary>
public sealed class SqlQueryBuilder(CompiledModel model, CompiledEntity root)
{
    private readonly Dictionary<string, (string Alias, CompiledEntity Entity)> _joins = new(StringComparer.Ordinal);
    private readonly StringBuilder _joinSql = new();
    public List<NpgsqlParameter> Parameters { get; } = [];

    /// <summary>Fields the reader may not see, per entity: a path through one is refused and search skips them.</summary>
    public Func<CompiledEntity, IReadOnlySet<string>>? HiddenFields { get; init; }

    public string Joins => _joinSql.ToString();

    public string AddParameter(object? value)
    {
        var name = "p" + Parameters.Count.ToString(CultureInfo.InvariantCulture);
        Parameters.Add(new NpgsqlParameter(name, value ?? DBNull.Value));
        return "@" + name;
    }

    public string Where(FilterExpression filter) => filter switch
    {
        LogicalFilter l => $"({Where(l.Left)} {(l.Operator == LogicalOperator.And ? "AND" : "OR")} {Where(l.Right)})",
        NotFilter n => $"(NOT {Where(n.Operand)})",
        ComparisonFilter c => Comparison(c),
        TextMatchFilter t => TextMatch(t),
        InFilter i => In(i),
        HasFilter h => Has(h),
        _ => throw new InvalidOperationException($"Unknown filter node {filter.GetType().Name}."),
    };

    public string OrderBy(IEnumerable<OrderByItem> items)
    {
        var parts = new List<string>();
        foreach (var item in items)
        {
            var (column, field) = Resolve(item.Path, OrderByParser.ParameterName);
            if (!field.Handler.IsOrdered)
                throw Bad(OrderByParser.ParameterName, "notSortable", $"'{item.Path}' ({FieldTypesName(field)}) cannot be sorted.");
            parts.Add(column + (item.Descending ? " DESC NULLS LAST" : " ASC NULLS LAST"));
        }
        parts.Add("t0.\"id\"");
        return string.Join(", ", parts);
    }

    public string Search(string term)
    {
        var hidden = HiddenFields?.Invoke(root);
        var fields = root.Fields.Where(f => f.Handler.IsText && (f.Definition.Searchable || f.Name == root.Definition.PrimaryField) && hidden?.Contains(f.Name) != true).ToList();
        if (fields.Count == 0) throw Bad("$search", "notSearchable", $"'{root.Name}' has no searchable text fields.");
        var pattern = AddParameter("%" + EscapeLike(term) + "%");
        return "(" + string.Join(" OR ", fields.Select(f => $"lower(t0.{f.Column}) LIKE lower({pattern} COLLATE {model.Collation})")) + ")";
    }

    /// <summary>Resolves <c>company/parent/name</c>: every segment but the last is a lookup, joined once per distinct path.</summary>
    public (string Column, CompiledField Field) Resolve(FieldPath path, string parameter)
    {
        var alias = "t0";
        var entity = root;
        var prefix = "";
        for (var i = 0; i < path.Segments.Length; i++)
        {
            var name = path.Segments[i];
            var field = entity.FindField(name) ?? SystemFields.All.GetValueOrDefault(name)
                ?? throw Bad(parameter, "unknownField", $"'{entity.Name}' has no field '{name}' (in '{path}').");
            if (HiddenFields?.Invoke(entity).Contains(name) == true)
                throw new CrmException(CrmErrorKind.Forbidden, "fieldHidden", $"You may not filter, sort or search on '{path}'.",
                    [new CrmError(parameter, "fieldHidden", $"'{entity.Name}.{name}' is hidden from you.")]);
            if (i == path.Segments.Length - 1) return ($"{alias}.{field.Column}", field);
            if (field.Type != FieldType.Lookup)
                throw Bad(parameter, "notALookup", $"'{name}' is not a lookup, so '{path}' cannot go through it.");
            prefix += "/" + name;
            if (!_joins.TryGetValue(prefix, out var join))
            {
                var target = model.FindEntity(field.Definition.Target!)
                    ?? throw Bad(parameter, "unknownEntity", $"The entity '{field.Definition.Target}' behind '{name}' is retired.");
                join = ("j" + (_joins.Count + 1).ToString(CultureInfo.InvariantCulture), target);
                _joins[prefix] = join;
                _joinSql.Append(CultureInfo.InvariantCulture, $" LEFT JOIN {target.Table} {join.Alias} ON {join.Alias}.\"id\" = {alias}.{field.Column}");
            }
            (alias, entity) = join;
        }
        throw new InvalidOperationException("A field path has at least one segment.");
    }

    private string Comparison(ComparisonFilter c)
    {
        var (column, field) = Resolve(c.Path, FilterParser.ParameterName);
        if (c.Value.IsNull)
        {
            return c.Operator switch
            {
                ComparisonOperator.Eq => $"{column} IS NULL",
                ComparisonOperator.Ne => $"{column} IS NOT NULL",
                _ => throw Bad(FilterParser.ParameterName, "invalidNullComparison", $"Only eq and ne compare with null (at position {c.Value.Position})."),
            };
        }
        if (field.Type == FieldType.MultiChoice)
            throw Bad(FilterParser.ParameterName, "useHas", $"'{c.Path}' holds several values; use '{c.Path} has ...'.");
        if (c.Operator is not (ComparisonOperator.Eq or ComparisonOperator.Ne) && !field.Handler.IsOrdered)
            throw Bad(FilterParser.ParameterName, "notOrdered", $"'{c.Path}' ({FieldTypesName(field)}) can only be compared with eq and ne.");
        var value = AddParameter(LiteralValue(c.Value, field, c.Path));
        return c.Operator switch
        {
            ComparisonOperator.Eq => $"{column} = {value}",
            // "Not equal" includes records with no value, as users expect from a list filter.
            ComparisonOperator.Ne => $"{column} IS DISTINCT FROM {value}",
            ComparisonOperator.Gt => $"{column} > {value}",
            ComparisonOperator.Ge => $"{column} >= {value}",
            ComparisonOperator.Lt => $"{column} < {value}",
            _ => $"{column} <= {value}",
        };
    }

    private string TextMatch(TextMatchFilter t)
    {
        var (column, field) = Resolve(t.Path, FilterParser.ParameterName);
        if (!field.Handler.IsText && field.Type != FieldType.Choice)
            throw Bad(FilterParser.ParameterName, "notText", $"'{t.Path}' is not a text field.");
        if (t.Value.Kind != FilterLiteralKind.String)
            throw Bad(FilterParser.ParameterName, "invalidValue", $"{t.Kind.ToString().ToLowerInvariant()} needs a text value (at position {t.Value.Position}).");
        var text = EscapeLike(t.Value.StringValue!);
        var pattern = t.Kind switch
        {
            TextMatchKind.Contains => "%" + text + "%",
            TextMatchKind.StartsWith => text + "%",
            _ => "%" + text,
        };
        // Case-insensitive by the model language's rules (Turkish İ/i, I/ı): lower() under the ICU collation, served by the trigram index.
        return $"lower({column}) LIKE lower({AddParameter(pattern)} COLLATE {model.Collation})";
    }

    private string In(InFilter i)
    {
        var (column, field) = Resolve(i.Path, FilterParser.ParameterName);
        if (field.Type == FieldType.MultiChoice)
            throw Bad(FilterParser.ParameterName, "useHas", $"'{i.Path}' holds several values; use '{i.Path} has ...'.");
        var values = i.Values.Select(v => v.IsNull
            ? throw Bad(FilterParser.ParameterName, "invalidValue", $"null cannot be listed in 'in' (at position {v.Position}); use 'eq null'.")
            : LiteralValue(v, field, i.Path)).ToArray();
        var array = Array.CreateInstance(values[0]!.GetType(), values.Length);
        for (var k = 0; k < values.Length; k++) array.SetValue(values[k], k);
        return $"{column} = ANY({AddParameter(array)})";
    }

    private string Has(HasFilter h)
    {
        var (column, field) = Resolve(h.Path, FilterParser.ParameterName);
        if (field.Type != FieldType.MultiChoice)
            throw Bad(FilterParser.ParameterName, "notMultiChoice", $"'has' applies to multiChoice fields; '{h.Path}' is {FieldTypesName(field)}.");
        return $"{column} @> ARRAY[{AddParameter(LiteralValue(h.Value, field, h.Path))}]::text[]";
    }

    /// <summary>Turns a literal into the field's CLR type, refusing a literal of the wrong kind with its position.</summary>
    private static object LiteralValue(FilterLiteral literal, CompiledField field, FieldPath path)
    {
        object? value = field.Type switch
        {
            FieldType.Integer when literal.Kind == FilterLiteralKind.Number && literal.NumberValue is { } n && n == decimal.Truncate(n)
                && n >= long.MinValue && n <= long.MaxValue => (long)n,
            FieldType.Decimal or FieldType.Currency or FieldType.Percent when literal.Kind == FilterLiteralKind.Number => literal.NumberValue,
            FieldType.Boolean when literal.Kind == FilterLiteralKind.Boolean => literal.BooleanValue,
            FieldType.Date when literal.Kind == FilterLiteralKind.Date => literal.DateValue,
            FieldType.Datetime when literal.Kind == FilterLiteralKind.DateTime => literal.DateTimeValue!.Value.UtcDateTime,
            FieldType.Datetime when literal.Kind == FilterLiteralKind.Date =>
                DateTime.SpecifyKind(literal.DateValue!.Value.ToDateTime(TimeOnly.MinValue), DateTimeKind.Utc),
            FieldType.Lookup or FieldType.User when literal.Kind == FilterLiteralKind.Guid => literal.GuidValue,
            FieldType.Lookup or FieldType.User when literal.Kind == FilterLiteralKind.String && Guid.TryParse(literal.StringValue, out var g) => g,
            FieldType.Choice or FieldType.MultiChoice when literal.Kind == FilterLiteralKind.String =>
                field.Definition.Options.Any(o => o.Value == literal.StringValue) ? literal.StringValue
                    : throw Bad(FilterParser.ParameterName, "unknownOption",
                        $"'{literal.StringValue}' is not an option of '{path}' (one of: {string.Join(", ", field.Definition.Options.Select(o => o.Value))})."),
            _ when field.Handler.IsText && literal.Kind == FilterLiteralKind.String => literal.StringValue,
            _ => null,
        };
        return value ?? throw Bad(FilterParser.ParameterName, "invalidValue",
            $"'{path}' is {FieldTypesName(field)}; {literal.Text} (at position {literal.Position}) is not a value of that type.");
    }

    private static string FieldTypesName(CompiledField field) => "a " + Fields.FieldTypeHandler.Json(field.Type) + " field";

    internal static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);

    private static CrmException Bad(string parameter, string code, string message) =>
        new(CrmErrorKind.BadRequest, code, message, [new CrmError(parameter, code, message)]);
}
