using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace NoCodeCrm.Engine.Messaging.Tracking;

/// <summary>
/// Adds an open pixel and tracked links to outgoing HTML e-mail. Routes: <c>/t/o/{token}.gif</c> (open) and
/// <c>/t/c/{token}?u=…</c> (click, then redirect), both under <see cref="MessagingOptions.PublicBaseUrl"/>.
/// </summary>
public sealed partial class EmailTracker(MessagingOptions options, SecretStore secrets)
{
    public const string KeyName = "tracking_key";

    /// <summary>Tracking needs a public address recipients' mail clients can reach; without one, e-mail goes out untracked.</summary>
    public bool IsEnabled => Uri.TryCreate(options.PublicBaseUrl, UriKind.Absolute, out _);

    public Task<byte[]> KeyAsync(CancellationToken ct) => secrets.GetOrCreateAsync(KeyName, 32, ct);

    /// <summary>The HTML as sent: http(s) links pointed at the click route, and the pixel before <c>&lt;/body&gt;</c>.</summary>
    public async Task<string> AddTrackingAsync(Guid messageId, string html, CancellationToken ct)
    {
        if (!IsEnabled) return html;
        var key = await KeyAsync(ct).ConfigureAwait(false);
        var baseUrl = options.PublicBaseUrl!.TrimEnd('/');

        var tracked = Link().Replace(html, match =>
        {
            // href values are HTML-encoded (&amp;); the signed URL is the one the browser will follow.
            var url = WebUtility.HtmlDecode(match.Groups["url"].Value);
            if (!Uri.TryCreate(url, UriKind.Absolute, out _)) return match.Value;
            // Our own routes (the unsubscribe link) are not clicks on content: wrapping them would fire "clicked" rules.
            if (url.StartsWith(baseUrl + "/t/", StringComparison.OrdinalIgnoreCase)) return match.Value;
            var target = $"{baseUrl}/t/c/{TrackingTokens.ForClick(key, messageId, url)}?u={Uri.EscapeDataString(url)}";
            var quote = match.Groups["q"].Value;
            return match.Groups["head"].Value + quote + WebUtility.HtmlEncode(target) + quote;
        });

        var pixel = $"<img src=\"{baseUrl}/t/o/{TrackingTokens.ForOpen(key, messageId)}.gif\" width=\"1\" height=\"1\" alt=\"\" style=\"display:none\">";
        var body = tracked.LastIndexOf("</body>", StringComparison.OrdinalIgnoreCase);
        return body >= 0 ? new StringBuilder(tracked).Insert(body, pixel).ToString() : tracked + pixel;
    }

    [GeneratedRegex("""(?<head><a\b[^>]*?\bhref\s*=\s*)(?<q>["'])(?<url>https?://[^"'<>\s]+)\k<q>""",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Link();
}
