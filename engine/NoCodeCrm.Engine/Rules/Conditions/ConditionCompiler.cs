using System.Globalization;
using System.Linq.Expressions;
using System.Reflection;
using System.Text.Json;
using NoCodeCrm.Engine.Errors;
using NoCodeCrm.Engine.Fields;
using NoCodeCrm.Engine.Metadata;
using NoCodeCrm.Engine.Metadata.Conditions;
using NoCodeCrm.Engine.Records;
using NoCodeCrm.Engine.Rules.Scripting;
using NoCodeCrm.Engine.Rules.Text;
using NoCodeCrm.Engine.Schema;

namespace NoCodeCrm.Engine.Rules.Conditions;

/// <summary>
/// Binds a condition tree to the model (fields, lookup paths, typed values) and compiles it to a .NET expression tree;
/// in validation mode it only collects every error with its JSON path.
/// </summary>
internal sealed class ConditionCompiler
{
    /// <summary>Deeper trees are refused: the designer never builds them and the compiler recurses.</summary>
    public const int MaxDepth = 32;

    private static readonly string[] Operators =
        ["eq", "ne", "gt", "ge", "lt", "le", "in", "notIn", "contains", "startsWith", "endsWith", "isNull", "isNotNull", "has", "changed"];

    private static readonly ParameterExpression Context = Expression.Parameter(typeof(RuleContext), "context");

    private readonly CrmModel _model;
    private readonly string _ruleName;
    private readonly ScriptEnginePool? _pool;
    private readonly List<CrmError> _errors = [];
    private readonly SortedSet<string> _lookupPaths = new(StringComparer.Ordinal);

    private ConditionCompiler(CrmModel model, string ruleName, ScriptEnginePool? pool)
    {
        _model = model;
        _ruleName = ruleName;
        _pool = pool;
    }

    /// <summary>Adds every error of the condition to <paramref name="errors"/>, with paths under <paramref name="path"/>.</summary>
    public static void Validate(CrmModel model, EntityDefinition entity, ConditionDefinition condition, string path, List<CrmError> errors)
    {
        var compiler = new ConditionCompiler(model, "validation", pool: null);
        compiler.Bind(entity, condition, path, 0);
        errors.AddRange(compiler._errors);
    }

    public static CompiledCondition Compile(CrmModel model, EntityDefinition entity, ConditionDefinition condition, string ruleName, ScriptEnginePool pool)
    {
        var compiler = new ConditionCompiler(model, ruleName, pool);
        var body = compiler.Bind(entity, condition, "$", 0);
        if (compiler._errors.Count > 0 || body is null)
            throw CrmException.Invalid($"The condition of rule '{ruleName}' is not valid.", compiler._errors);
        var evaluate = Expression.Lambda<Func<RuleContext, bool>>(body, Context).Compile();
        return new CompiledCondition(ruleName, evaluate, compiler._lookupPaths.ToArray());
    }

    private Expression? Bind(EntityDefinition entity, ConditionDefinition node, string path, int depth)
    {
        if (depth > MaxDepth) return Error(path, "tooDeep", $"A condition may nest at most {MaxDepth} levels.");
        var kinds = (node.All.Length > 0 ? 1 : 0) + (node.Any.Length > 0 ? 1 : 0) + (node.Not is not null ? 1 : 0) +
                    (node.Field is not null || node.Operator is not null ? 1 : 0) + (node.Script is not null ? 1 : 0);
        if (kinds != 1)
            return Error(path, "invalidCondition", "A condition is exactly one of: all, any, not, field + operator (+ value), script.");
        if (node.All.Length > 0) return Combine(entity, node.All, path + ".all", depth, Expression.AndAlso);
        if (node.Any.Length > 0) return Combine(entity, node.Any, path + ".any", depth, Expression.OrElse);
        if (node.Not is { } inner) return Bind(entity, inner, path + ".not", depth + 1) is { } e ? Expression.Not(e) : null;
        if (node.Script is { } script) return BindScript(entity, script, path + ".script");
        return BindComparison(entity, node, path);
    }

    private Expression? Combine(EntityDefinition entity, System.Collections.Immutable.ImmutableArray<ConditionDefinition> nodes, string path, int depth,
        Func<Expression, Expression, BinaryExpression> join)
    {
        Expression? result = null;
        var ok = true;
        for (var i = 0; i < nodes.Length; i++)
        {
            var bound = Bind(entity, nodes[i], $"{path}[{i}]", depth + 1);
            if (bound is null) ok = false;
            else result = result is null ? bound : join(result, bound);
        }
        return ok ? result : null;
    }

    private Expression? BindScript(EntityDefinition entity, string source, string path)
    {
        if (_pool is null)
        {
            foreach (var problem in ScriptCheck.Check(source))
                Error(path, "scriptSyntax", $"Line {problem.Line}, column {problem.Column}: {problem.Message}");
            foreach (var lookup in RuleScript.RelatedLookupsOf(source)) CheckRelated(entity, lookup, path);
            return null;
        }
        var script = RuleScript.TryPrepare(_ruleName, source, out var problems);
        if (script is null)
            return Error(path, "scriptSyntax", string.Join("; ", problems.Select(p => $"Line {p.Line}, column {p.Column}: {p.Message}")));
        foreach (var lookup in script.RelatedLookups)
            if (CheckRelated(entity, lookup, path)) _lookupPaths.Add(lookup);
        var condition = new ScriptCondition(script, _pool);
        return Expression.Call(Expression.Constant(condition), typeof(ScriptCondition).GetMethod(nameof(ScriptCondition.Evaluate))!, Context);
    }

    private bool CheckRelated(EntityDefinition entity, string lookup, string path)
    {
        var field = entity.FindField(lookup);
        if (field is { Retired: false, Type: FieldType.Lookup }) return true;
        Error(path, "unknownLookup", $"The script reads related.{lookup}, but '{entity.Name}' has no lookup field '{lookup}'.");
        return false;
    }

    private Expression? BindComparison(EntityDefinition entity, ConditionDefinition node, string path)
    {
        if (string.IsNullOrEmpty(node.Field)) return Error(path + ".field", "required", "A comparison names a field.");
        if (string.IsNullOrEmpty(node.Operator)) return Error(path + ".operator", "required", "A comparison names an operator.");
        if (!Operators.Contains(node.Operator))
            return Error(path + ".operator", "unknownOperator", $"'{Shorten(node.Operator)}' is not an operator; use one of {string.Join(", ", Operators)}.");
        var target = Resolve(entity, node.Field, path + ".field");
        if (target is null) return null;
        var op = node.Operator;
        var value = node.Value is { ValueKind: not JsonValueKind.Undefined } v ? v : (JsonElement?)null;
        var valuePath = path + ".value";

        if (op is "isNull" or "isNotNull" or "changed")
        {
            if (value is not null && value.Value.ValueKind != JsonValueKind.Null)
                return Error(valuePath, "valueNotAllowed", $"'{op}' takes no value.");
            if (op == "changed")
            {
                if (target.Lookups.Length > 0) return Error(path + ".field", "notAllowed", "'changed' applies to the record's own fields, not to looked-up ones.");
                return Expression.Call(Method(nameof(RuleOperators.Changed)), Context, Expression.Constant(target.Index));
            }
            var isNull = Expression.Call(Method(nameof(RuleOperators.IsNull)), target.Access);
            return op == "isNull" ? isNull : Expression.Not(isNull);
        }
        if (value is null || value.Value.ValueKind == JsonValueKind.Null)
            return Error(valuePath, "required", $"'{op}' needs a value; to test for an empty field use isNull.");
        var kind = target.Kind;
        var type = target.Type is { } t ? FieldTypeHandler.Json(t) : "system";

        switch (op)
        {
            case "eq" or "ne":
                if (kind == ValueKind.MultiChoice) return Error(path + ".operator", "operatorNotAllowed", "A multiChoice field is tested with has, in or notIn.");
                if (kind == ValueKind.Text)
                    return ReadText(target, value.Value, valuePath) is { } text
                        ? Expression.Call(Method(op == "eq" ? nameof(RuleOperators.EqText) : nameof(RuleOperators.NeText)), target.Access, Expression.Constant(text))
                        : null;
                return ReadOperand(target, value.Value, valuePath) is { } operand
                    ? Expression.Call(Generic(op == "eq" ? nameof(RuleOperators.Eq) : nameof(RuleOperators.Ne), operand.Type), target.Access, operand)
                    : null;
            case "gt" or "ge" or "lt" or "le":
                if (kind is not (ValueKind.Integer or ValueKind.Decimal or ValueKind.Date or ValueKind.DateTime))
                    return Error(path + ".operator", "operatorNotAllowed", $"'{op}' compares numbers and dates, not a {type} field.");
                return ReadOperand(target, value.Value, valuePath) is { } ordered
                    ? Expression.Call(Generic(char.ToUpperInvariant(op[0]) + op[1..], ordered.Type), target.Access, ordered)
                    : null;
            case "in" or "notIn":
                return BindIn(target, op == "in", value.Value, valuePath, path, type);
            case "contains" or "startsWith" or "endsWith":
                if (kind != ValueKind.Text || target.Type == FieldType.Choice)
                    return Error(path + ".operator", "operatorNotAllowed", $"'{op}' matches text, not a {type} field.");
                if (value.Value.ValueKind != JsonValueKind.String || value.Value.GetString() is not { Length: > 0 } part)
                    return Error(valuePath, "invalidValue", "Expected a non-empty text.");
                var name = op switch { "contains" => nameof(RuleOperators.Contains), "startsWith" => nameof(RuleOperators.StartsWith), _ => nameof(RuleOperators.EndsWith) };
                return Expression.Call(Method(name), target.Access, Expression.Constant(TurkishText.CaseKey(part)));
            case "has":
                if (kind != ValueKind.MultiChoice) return Error(path + ".operator", "operatorNotAllowed", $"'has' tests a multiChoice field, not a {type} field.");
                return ReadOption(target, value.Value, valuePath) is { } option
                    ? Expression.Call(Method(nameof(RuleOperators.Has)), target.Access, Expression.Constant(option))
                    : null;
            default:
                return Error(path + ".operator", "unknownOperator", $"'{op}' is not an operator.");
        }
    }

    private Expression? BindIn(Target target, bool isIn, JsonElement value, string valuePath, string path, string type)
    {
        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() == 0)
            return Error(valuePath, "invalidValue", "Expected a non-empty array of values.");
        var items = value.EnumerateArray().ToArray();
        switch (target.Kind)
        {
            case ValueKind.MultiChoice or ValueKind.Text:
                var texts = new HashSet<string>(StringComparer.Ordinal);
                for (var i = 0; i < items.Length; i++)
                {
                    var text = target.Kind == ValueKind.MultiChoice ? ReadOption(target, items[i], $"{valuePath}[{i}]") : ReadText(target, items[i], $"{valuePath}[{i}]");
                    if (text is not null) texts.Add(text);
                }
                if (texts.Count < items.Length) return null;
                var name = target.Kind == ValueKind.MultiChoice
                    ? (isIn ? nameof(RuleOperators.HasAny) : nameof(RuleOperators.HasNone))
                    : (isIn ? nameof(RuleOperators.In) : nameof(RuleOperators.NotIn));
                var method = target.Kind == ValueKind.MultiChoice ? Method(name) : Generic(name, typeof(string));
                return Expression.Call(method, target.Access, Expression.Constant(texts));
            case ValueKind.Integer or ValueKind.Decimal or ValueKind.Reference:
                var clrType = target.Kind switch { ValueKind.Integer => typeof(long), ValueKind.Decimal => typeof(decimal), _ => typeof(Guid) };
                var set = (System.Collections.IEnumerable)Activator.CreateInstance(typeof(HashSet<>).MakeGenericType(clrType))!;
                var add = set.GetType().GetMethod("Add")!;
                var ok = true;
                for (var i = 0; i < items.Length; i++)
                {
                    if (ReadOperand(target, items[i], $"{valuePath}[{i}]", allowRelative: false) is ConstantExpression c) add.Invoke(set, [c.Value]);
                    else ok = false;
                }
                return ok ? Expression.Call(Generic(isIn ? nameof(RuleOperators.In) : nameof(RuleOperators.NotIn), clrType), target.Access, Expression.Constant(set)) : null;
            default:
                return Error(path + ".operator", "operatorNotAllowed", $"'{(isIn ? "in" : "notIn")}' does not apply to a {type} field.");
        }
    }

    private string? ReadText(Target target, JsonElement value, string path)
    {
        if (target.Type == FieldType.Choice) return ReadOption(target, value, path);
        if (value.ValueKind != JsonValueKind.String) { Error(path, "invalidValue", "Expected a text."); return null; }
        return value.GetString();
    }

    private string? ReadOption(Target target, JsonElement value, string path)
    {
        var options = target.Definition?.Options ?? [];
        if (value.ValueKind == JsonValueKind.String && value.GetString() is { } text && options.Any(o => o.Value == text)) return text;
        Error(path, "invalidValue", $"Expected one of the options: {string.Join(", ", options.Select(o => o.Value))}.");
        return null;
    }

    /// <summary>A typed operand: a constant of the field's CLR type, a relative date, or the current user's id.</summary>
    private Expression? ReadOperand(Target target, JsonElement value, string path, bool allowRelative = true)
    {
        switch (target.Kind)
        {
            case ValueKind.Integer:
                if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var whole)) return Expression.Constant(whole);
                return Error(path, "invalidValue", "Expected a whole number.");
            case ValueKind.Decimal:
                if (value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var number)) return Expression.Constant(number);
                return Error(path, "invalidValue", "Expected a number.");
            case ValueKind.Boolean:
                if (value.ValueKind is JsonValueKind.True or JsonValueKind.False) return Expression.Constant(value.GetBoolean());
                return Error(path, "invalidValue", "Expected true or false.");
            case ValueKind.Reference:
                if (value.ValueKind == JsonValueKind.String && value.GetString() == "currentUser" && target.IsUser)
                    return Expression.Property(Expression.Property(Context, nameof(RuleContext.User)), nameof(Security.CrmPrincipal.UserId));
                if (value.ValueKind == JsonValueKind.String && Guid.TryParseExact(value.GetString(), "D", out var id)) return Expression.Constant(id);
                return Error(path, "invalidValue", target.IsUser ? "Expected a uuid or \"currentUser\"." : "Expected a uuid.");
            case ValueKind.Date or ValueKind.DateTime:
                string? relativeError = null;
                var relative = allowRelative ? RelativeDate.TryRead(value, out relativeError) : null;
                if (relative is not null)
                {
                    var resolve = target.Kind == ValueKind.Date ? nameof(RelativeDate.ResolveDate) : nameof(RelativeDate.ResolveMoment);
                    return Expression.Call(Expression.Constant(relative), typeof(RelativeDate).GetMethod(resolve)!, Context);
                }
                if (allowRelative && relativeError is not null) return Error(path, "invalidValue", relativeError);
                if (target.Kind == ValueKind.Date)
                {
                    if (value.ValueKind == JsonValueKind.String &&
                        DateOnly.TryParseExact(value.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                        return Expression.Constant(date);
                    return Error(path, "invalidValue", "Expected a date (yyyy-MM-dd) or a relative date such as \"today\" or {\"daysAgo\": 90}.");
                }
                if (value.ValueKind == JsonValueKind.String && value.GetString() is { } text && (text.EndsWith('Z') || text.Contains('+', StringComparison.Ordinal) || text.LastIndexOf('-') > 10) &&
                    DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var moment))
                    return Expression.Constant(moment.UtcDateTime);
                return Error(path, "invalidValue", "Expected a date and time with a zone (2025-03-01T09:30:00Z) or a relative date such as \"now\" or {\"daysAgo\": 90}.");
            default:
                return Error(path, "invalidValue", "This field cannot be compared with a value.");
        }
    }

    /// <summary>Resolves <c>field</c> or <c>lookup/…/field</c>; each lookup on the way is recorded for expansion.</summary>
    private Target? Resolve(EntityDefinition entity, string fieldPath, string path)
    {
        var segments = fieldPath.Split('/');
        if (segments.Length > 4) { Error(path, "pathTooLong", "A field path goes through at most 3 lookups."); return null; }
        var current = entity;
        var lookups = new string[segments.Length - 1];
        for (var i = 0; i < segments.Length - 1; i++)
        {
            var lookup = current.FindField(segments[i]);
            if (lookup is not { Retired: false, Type: FieldType.Lookup } || lookup.Target is null || _model.FindEntity(lookup.Target) is not { } next)
            {
                Error(path, "unknownLookup", $"'{Shorten(segments[i])}' is not a lookup field of '{current.Name}'.");
                return null;
            }
            lookups[i] = segments[i];
            current = next;
        }
        var last = segments[^1];
        int index;
        FieldDefinition? definition = null;
        ValueKind kind;
        FieldType? type = null;
        var isUser = false;
        var system = SystemColumns.EntityNames.ToList().IndexOf(last);
        if (system >= 0)
        {
            index = system;
            (kind, isUser) = last switch
            {
                SystemColumns.CreatedAt or SystemColumns.UpdatedAt or SystemColumns.DeletedAt => (ValueKind.DateTime, false),
                SystemColumns.Version => (ValueKind.None, false),
                SystemColumns.Owner or SystemColumns.CreatedBy or SystemColumns.UpdatedBy => (ValueKind.Reference, true),
                _ => (ValueKind.Reference, false),
            };
        }
        else
        {
            var live = current.Fields.Where(f => !f.Retired).ToList();
            index = live.FindIndex(f => f.Name == last);
            if (index < 0)
            {
                Error(path, "unknownField", $"'{current.Name}' has no field '{Shorten(last)}'.");
                return null;
            }
            definition = live[index];
            index += SystemColumns.EntityNames.Count;
            type = definition.Type;
            isUser = definition.Type == FieldType.User;
            kind = definition.Type switch
            {
                FieldType.Integer => ValueKind.Integer,
                FieldType.Decimal or FieldType.Currency or FieldType.Percent => ValueKind.Decimal,
                FieldType.Boolean => ValueKind.Boolean,
                FieldType.Date => ValueKind.Date,
                FieldType.Datetime => ValueKind.DateTime,
                FieldType.MultiChoice => ValueKind.MultiChoice,
                FieldType.Lookup or FieldType.User => ValueKind.Reference,
                _ => ValueKind.Text,
            };
        }
        for (var i = 1; i <= lookups.Length; i++) _lookupPaths.Add(string.Join('/', lookups[..i]));
        Expression access = lookups.Length == 0
            ? Expression.ArrayIndex(Expression.Property(Expression.Property(Context, nameof(RuleContext.Record)), nameof(StoredRecord.Values)), Expression.Constant(index))
            : Expression.Call(Method(nameof(RuleOperators.Related)), Expression.Property(Context, nameof(RuleContext.Record)), Expression.Constant(lookups), Expression.Constant(index));
        return new Target(access, index, lookups, kind, type, definition, isUser);
    }

    private Expression? Error(string path, string code, string message)
    {
        _errors.Add(new CrmError(path, code, message));
        return null;
    }

    private static MethodInfo Method(string name) => typeof(RuleOperators).GetMethod(name)!;
    private static MethodInfo Generic(string name, Type type) => typeof(RuleOperators).GetMethod(name)!.MakeGenericMethod(type);
    private static string Shorten(string text) => text.Length <= 80 ? text : text[..77] + "...";

    private enum ValueKind { None, Text, Integer, Decimal, Boolean, Date, DateTime, MultiChoice, Reference }

    private sealed record Target(Expression Access, int Index, string[] Lookups, ValueKind Kind, FieldType? Type, FieldDefinition? Definition, bool IsUser);
}
