using System.Collections.Frozen;
using System.Globalization;
using System.Reflection;
using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;

namespace NoCodeCrm.Engine.Templates;

/// <summary>
/// A render context with every sandbox limit set explicitly. Templates only ever see ScriptObjects built from record
/// values; the member filter is a second line: CLR objects that slip in expose nothing but date and time parts.
/// </summary>
internal sealed class SandboxedTemplateContext : TemplateContext
{
    private readonly bool _escapeHtml;

    public SandboxedTemplateContext(TemplateLimits limits, bool escapeHtml, CultureInfo culture, CancellationToken ct)
        : base(escapeHtml ? TemplateBuiltins.Html : TemplateBuiltins.Text)
    {
        _escapeHtml = escapeHtml;
        LoopLimit = limits.LoopLimit;
        LoopLimitQueryable = limits.LoopLimit;
        RecursiveLimit = limits.RecursiveLimit;
        LimitToString = limits.StringLimit;
        OnStringLimit = ScriptLimitBehavior.Throw;
        OutputLimit = limits.OutputLimit;
        OnOutputLimit = ScriptLimitBehavior.Throw;
        ObjectRecursionLimit = 10;
        RegexTimeOut = limits.RegexTimeout;
        TemplateLoader = null;
        MemberRenamer = StandardMemberRenamer.Default;
        MemberFilter = IsExposed;
        // A record without a company renders "record.company.name" as empty text instead of failing the message.
        EnableRelaxedMemberAccess = true;
        EnableRelaxedTargetAccess = true;
        CancellationToken = ct;
        PushCulture(culture);
    }

    private static readonly FrozenSet<string> DateParts = FrozenSet.Create(StringComparer.Ordinal,
        "Year", "Month", "Day", "Hour", "Minute", "Second", "DayOfWeek", "DayOfYear", "Date", "TimeOfDay",
        "Days", "Hours", "Minutes", "Seconds", "TotalDays", "TotalHours", "TotalMinutes", "TotalSeconds");

    /// <summary>Only the parts of a date or a duration (<c>record.birth_date.year</c>); never methods, never other types.</summary>
    private static bool IsExposed(MemberInfo member) =>
        member is PropertyInfo && (member.DeclaringType == typeof(DateTime) || member.DeclaringType == typeof(TimeSpan)) && DateParts.Contains(member.Name);

    public override TemplateContext Write(SourceSpan span, object? textAsObject)
    {
        if (textAsObject is HtmlFragment fragment) return Write(fragment.Html);
        if (!_escapeHtml || textAsObject is null) return base.Write(span, textAsObject);
        return Write(TemplateBuiltins.Escape(ObjectToString(textAsObject) ?? ""));
    }
}
