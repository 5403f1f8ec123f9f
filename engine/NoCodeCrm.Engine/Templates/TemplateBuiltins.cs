using System.Text;
using Scriban;
using Scriban.Runtime;

namespace NoCodeCrm.Engine.Templates;

/// <summary>
/// The builtin functions templates see, built once and shared by every render (rebuilding them per render costs 5×).
/// Shared means frozen: every builtin object is read-only, so no template can change what the next one sees
/// (Scriban lets <c>string.foo = 1</c> add a member otherwise).
/// </summary>
internal static class TemplateBuiltins
{
    /// <summary>For subjects and text bodies: output as is.</summary>
    public static readonly ScriptObject Text = Create(html: false);

    /// <summary>For HTML bodies: <c>html.raw</c> marks trusted markup, <c>html.escape</c> escapes once (never twice).</summary>
    public static readonly ScriptObject Html = Create(html: true);

    private static ScriptObject Create(bool html)
    {
        var builtins = TemplateContext.GetDefaultBuiltinObject();
        // No template loader is set, so include would fail anyway; removing it gives a plain "unknown function" error.
        builtins.Remove("include");
        builtins.Remove("include_join");
        // eval parses text at render time: templates are parsed once, at publish, where their errors are reported.
        if (builtins["object"] is ScriptObject objectFunctions)
        {
            objectFunctions.Remove("eval");
            objectFunctions.Remove("eval_template");
        }
        if (builtins["html"] is ScriptObject htmlFunctions)
        {
            // Builtin members are read-only; removing first is how one is replaced.
            htmlFunctions.Remove("escape");
            if (html)
            {
                htmlFunctions.Import("raw", new Func<TemplateContext, object?, object>((context, value) =>
                    value as HtmlFragment ?? new HtmlFragment(context.ObjectToString(value) ?? "")));
                htmlFunctions.Import("escape", new Func<TemplateContext, object?, object>((context, value) =>
                    value as HtmlFragment ?? new HtmlFragment(Escape(context.ObjectToString(value) ?? ""))));
            }
            else
            {
                htmlFunctions.Import("raw", new Func<TemplateContext, object?, string>((context, value) => context.ObjectToString(value) ?? ""));
                htmlFunctions.Import("escape", new Func<TemplateContext, object?, string>((context, value) => Escape(context.ObjectToString(value) ?? "")));
            }
        }
        Freeze(builtins);
        return builtins;
    }

    private static void Freeze(ScriptObject scriptObject)
    {
        foreach (var value in scriptObject.Values)
            if (value is ScriptObject nested && !nested.IsReadOnly) Freeze(nested);
        scriptObject.IsReadOnly = true;
    }

    /// <summary>Escapes the five characters that matter in HTML text and attributes; leaves Turkish letters readable (WebUtility turns ç into &amp;#231;).</summary>
    public static string Escape(string text)
    {
        if (text.AsSpan().IndexOfAny("&<>\"'") < 0) return text;
        var builder = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            switch (c)
            {
                case '&': builder.Append("&amp;"); break;
                case '<': builder.Append("&lt;"); break;
                case '>': builder.Append("&gt;"); break;
                case '"': builder.Append("&quot;"); break;
                case '\'': builder.Append("&#39;"); break;
                default: builder.Append(c); break;
            }
        }
        return builder.ToString();
    }
}
