using System.Globalization;
using System.Runtime.CompilerServices;
using Jint;
using Jint.Native;
using Jint.Native.Object;
using Jint.Runtime;
using Jint.Runtime.Descriptors;
using NoCodeCrm.Engine.Compiled;
using NoCodeCrm.Engine.Errors;
using NoCodeCrm.Engine.Metadata;
using NoCodeCrm.Engine.Records;
using NoCodeCrm.Engine.Rules.Conditions;
using NoCodeCrm.Engine.Schema;

namespace NoCodeCrm.Engine.Rules.Scripting;

/// <summary>
/// One Jint engine locked down for rule scripts: every limit set, strict mode, no string compilation, no CLR, and a
/// frozen realm. It serves one evaluation at a time (the pool hands it out).
/// </summary>
internal sealed class SandboxedEngine : IDisposable
{
    private static readonly Prepared<Acornima.Ast.Script> Helpers = Jint.Engine.PrepareScript(CrmHelperLibrary.Source, "crm", strict: true);

    private readonly Jint.Engine _engine;
    private readonly RuleOptions _options;
    private readonly JsValue _freeze;
    private readonly JsValue _getPrototypeOf;
    private readonly JsValue _date;
    // Functions are bound to the engine that evaluated them; the weak table lets old model versions' scripts go.
    private readonly ConditionalWeakTable<RuleScript, JsValue> _functions = [];

    public SandboxedEngine(RuleOptions options)
    {
        _options = options;
        // Jint sets none of these by default. AllowClr is never called, so no .NET type or namespace is reachable;
        // Jint itself offers no network or file access.
        _engine = new Jint.Engine(o => o
            .Strict()
            .DisableStringCompilation()
            .TimeoutInterval(TimeSpan.FromMilliseconds(options.TimeoutMilliseconds))
            .MaxStatements(options.MaxStatements)
            .LimitMemory(options.MemoryLimitBytes)
            .LimitRecursion(options.RecursionLimit)
            .Culture(CultureInfo.InvariantCulture)
            .LocalTimeZone(TimeZoneInfo.Utc));
        _engine.Execute(Helpers);
        _freeze = _engine.Intrinsics.Object.Get("freeze");
        _getPrototypeOf = _engine.Intrinsics.Object.Get("getPrototypeOf");
        _date = _engine.GetValue("Date");
        // Frozen realm: a script that assigns to Object.prototype, Array.prototype, crm or globalThis gets a TypeError
        // (strict mode), so nothing one evaluation does can leak into the next one or into another rule.
        FreezeDeep(_engine.Global, new HashSet<ObjectInstance>(ReferenceEqualityComparer.Instance));
    }

    public bool Broken { get; private set; }

    /// <summary>Runs a script function with the context's record, previous, user, now and related records.</summary>
    public JsValue Run(RuleScript script, RuleContext context)
    {
        try
        {
            if (!_functions.TryGetValue(script, out var function))
            {
                _engine.Constraints.Reset();
                function = _engine.Evaluate(script.Prepared);
                _functions.AddOrUpdate(script, function);
            }
            var arguments = context.ArgumentsFor(this);
            _engine.Constraints.Reset();
            // Calling the function directly skips Engine.Invoke's promise-job processing, which rules never need.
            return ((Jint.Native.Function.Function)function).Call(JsValue.Undefined, arguments);
        }
        catch (Exception ex) when (Describe(ex) is { } what)
        {
            _engine.Advanced.ResetCallStack();
            throw Failed(script.RuleName, what);
        }
        catch
        {
            // Anything Jint did not expect: the engine's state is unknown, so the pool drops it.
            Broken = true;
            throw;
        }
    }

    internal static CrmException Failed(string ruleName, string what)
    {
        var message = $"Rule '{ruleName}' {what}";
        return new CrmException(CrmErrorKind.Validation, "ruleFailed", message, [new CrmError("$", "ruleFailed", message)]);
    }

    private string? Describe(Exception ex) => ex switch
    {
        TimeoutException => $"was stopped: it ran longer than {_options.TimeoutMilliseconds} ms.",
        StatementsCountOverflowException => $"was stopped: it ran more than {_options.MaxStatements:N0} statements (an endless loop?).",
        MemoryLimitExceededException => $"was stopped: it used more than {_options.MemoryLimitBytes / 1024 / 1024.0:0.#} MB of memory.",
        RecursionDepthOverflowException => $"was stopped: it nested function calls deeper than {_options.RecursionLimit}.",
        JavaScriptException js => $"failed: {ErrorText(js)}",
        JintException jint => $"failed: {jint.Message}",
        _ => null,
    };

    private static string ErrorText(JavaScriptException ex)
    {
        var name = ex.Error is ObjectInstance error ? error.Get("name").ToString() : "Error";
        var location = ex.Location.Start.Line > 1 ? string.Create(CultureInfo.InvariantCulture, $" (line {ex.Location.Start.Line - 1})") : "";
        return $"{name}: {ex.Message}{location}";
    }

    /// <summary>Builds the frozen plain-JS arguments of a context (record, previous, user, now, related).</summary>
    public JsValue[] BuildArguments(RuleContext context)
    {
        var related = new JsObject(_engine);
        if (context.Record.Expanded is { } expanded)
            foreach (var (name, record) in expanded)
                related.FastSetProperty(name, ReadOnly(record is null ? JsValue.Null : ToJs(record)));
        var user = new JsObject(_engine);
        user.FastSetProperty("id", ReadOnly(new JsString(context.User.UserId.ToString())));
        user.FastSetProperty("name", ReadOnly(new JsString(context.User.UserName)));
        user.FastSetProperty("language", ReadOnly(new JsString(context.User.Language)));
        return
        [
            ToJs(context.Record),
            context.Previous is null ? JsValue.Null : ToJs(context.Previous),
            Freeze(user),
            NewDate(context.Now.ToUnixTimeMilliseconds()),
            Freeze(related),
        ];
    }

    private ObjectInstance ToJs(StoredRecord record)
    {
        var result = new JsObject(_engine);
        var system = SystemColumns.EntityNames.Count;
        for (var i = 0; i < record.Values.Length; i++)
        {
            var name = i < system ? SystemColumns.EntityNames[i] : record.Entity.Fields[i - system].Name;
            result.FastSetProperty(name, ReadOnly(ToJs(record.Values[i], i < system ? null : record.Entity.Fields[i - system])));
        }
        return Freeze(result);
    }

    private JsValue ToJs(object? value, CompiledField? field) => value switch
    {
        null => JsValue.Null,
        string s => new JsString(s),
        long l => new JsNumber(l),
        int i => new JsNumber(i),
        decimal d => new JsNumber((double)d),
        double d => new JsNumber(d),
        bool b => b ? JsBoolean.True : JsBoolean.False,
        Guid g => new JsString(g.ToString()),
        DateOnly d => NewDate(new DateTimeOffset(d.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeMilliseconds()),
        DateTime t => NewDate(new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc)).ToUnixTimeMilliseconds()),
        string[] a => FreezeArray(new JsArray(_engine, a.Select(x => (JsValue)new JsString(x)).ToArray())),
        _ => throw new InvalidOperationException($"No script value for {value.GetType()} ({field?.Name})."),
    };

    private JsArray FreezeArray(JsArray array)
    {
        _engine.Invoke(_freeze, JsValue.Undefined, [array]);
        return array;
    }

    private ObjectInstance NewDate(long unixMilliseconds) => _engine.Construct(_date, [new JsNumber(unixMilliseconds)]);

    public void Dispose() => _engine.Dispose();

    /// <summary>An enumerable, read-only, non-configurable property: what Object.freeze makes, without a call into JavaScript.</summary>
    private static PropertyDescriptor ReadOnly(JsValue value) => new(value, PropertyFlag.Enumerable);

    private static ObjectInstance Freeze(ObjectInstance value)
    {
        value.PreventExtensions();
        return value;
    }

    private void FreezeDeep(JsValue value, HashSet<ObjectInstance> seen)
    {
        if (value is not ObjectInstance target || !seen.Add(target)) return;
        foreach (var (_, descriptor) in target.GetOwnProperties())
        {
            if (descriptor.IsAccessorDescriptor())
            {
                FreezeDeep(descriptor.Get ?? JsValue.Undefined, seen);
                FreezeDeep(descriptor.Set ?? JsValue.Undefined, seen);
            }
            else FreezeDeep(descriptor.Value, seen);
        }
        FreezeDeep(_engine.Invoke(_getPrototypeOf, JsValue.Undefined, [target]), seen);
        _engine.Constraints.Reset();
        _engine.Invoke(_freeze, JsValue.Undefined, [target]);
    }

    /// <summary>A script's result as a plain CLR value: null, bool, double, string, DateTime (UTC) or string[].</summary>
    public static object? ToClr(JsValue value)
    {
        if (value.IsNull() || value.IsUndefined()) return null;
        if (value.IsBoolean()) return value.AsBoolean();
        if (value.IsNumber()) return value.AsNumber();
        if (value.IsString()) return value.AsString();
        if (value.IsDate()) return value.AsDate().ToDateTime().ToUniversalTime();
        if (value.IsArray())
        {
            var array = value.AsArray();
            var items = new string[(int)array.Length];
            for (var i = 0; i < items.Length; i++) items[i] = array[i].ToString();
            return items;
        }
        return value.ToString();
    }
}
