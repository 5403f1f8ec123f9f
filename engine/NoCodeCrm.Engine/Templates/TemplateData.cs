using Scriban.Runtime;
using NoCodeCrm.Engine.Records;
using NoCodeCrm.Engine.Security;

namespace NoCodeCrm.Engine.Templates;

/// <summary>
/// What a template is rendered with: <c>record</c> (with its loaded lookups), <c>user</c> (<c>id</c>, <c>name</c>,
/// <c>language</c>), <c>now</c> (UTC), <c>links</c> (empty until tracking fills it: <c>links.unsubscribe</c>…) and any
/// variable the caller adds with <see cref="Set"/> (e.g. <c>event</c>). Choice labels depend on the render language,
/// so the template view of the data is built per language, once, and shared by every part rendered in it.
/// </summary>
public sealed class TemplateData
{
    private static readonly HashSet<string> Reserved = new(["record", "user", "now"], StringComparer.Ordinal);

    private readonly Dictionary<string, object?> _extra = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ScriptObject> _globals = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public TemplateData(StoredRecord? record, IReadOnlyDictionary<string, StoredRecord?>? lookups, CrmPrincipal? user, DateTime? now = null)
    {
        Record = record;
        Lookups = lookups ?? new Dictionary<string, StoredRecord?>();
        User = user;
        Now = now ?? DateTime.UtcNow;
    }

    /// <summary>Data with no record, for templates about nothing in particular.</summary>
    public static TemplateData Empty(CrmPrincipal? user = null) => new(null, null, user);

    public StoredRecord? Record { get; }
    /// <summary>The looked-up records by lookup field name (null: empty or not found).</summary>
    public IReadOnlyDictionary<string, StoredRecord?> Lookups { get; }
    public CrmPrincipal? User { get; }
    public DateTime Now { get; }

    /// <summary>Adds a top-level variable (strings, numbers, dates, JSON, dictionaries, lists); <c>record</c>, <c>user</c> and <c>now</c> are fixed.</summary>
    public TemplateData Set(string name, object? value)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (Reserved.Contains(name)) throw new ArgumentException($"'{name}' is set by the template engine itself.", nameof(name));
        var converted = TemplateValues.From(value);
        lock (_lock)
        {
            _extra[name] = converted;
            _globals.Clear();
        }
        return this;
    }

    internal ScriptObject Globals(string language, string fallbackLanguage)
    {
        lock (_lock)
        {
            if (_globals.TryGetValue(language, out var cached)) return cached;
            var globals = new ScriptObject
            {
                ["record"] = Record is null ? null : TemplateRecords.Build(Record, Lookups, language, fallbackLanguage),
                ["user"] = User is null ? null : TemplateValues.Freeze(new ScriptObject
                {
                    ["id"] = User.UserId.ToString(),
                    ["name"] = User.UserName,
                    ["language"] = User.Language,
                }),
                ["now"] = Now,
                ["links"] = TemplateValues.Freeze(new ScriptObject()),
            };
            foreach (var (name, value) in _extra) globals[name] = value;
            _globals[language] = TemplateValues.Freeze(globals);
            return globals;
        }
    }
}
