namespace NoCodeCrm.Engine.Templates;

/// <summary>Markup an HTML body writes as is: the result of <c>html.raw</c> and <c>html.escape</c>. Exposes no members to templates.</summary>
internal sealed class HtmlFragment(string html)
{
    public string Html { get; } = html;

    // Pipes that take a string (string.upcase…) see the markup; their result is a plain string again and gets escaped.
    public override string ToString() => Html;
}
