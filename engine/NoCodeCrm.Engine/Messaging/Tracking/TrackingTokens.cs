using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace NoCodeCrm.Engine.Messaging.Tracking;

/// <summary>
/// Signed tokens of tracking pixels and links: the message id followed by an HMAC over what the token vouches for (the
/// message, and for a link also its target URL), so nobody can record events for other messages or turn the click route
/// into an open redirect.
/// </summary>
public static class TrackingTokens
{
    private const int MacLength = 16;

    public static string ForOpen(byte[] key, Guid messageId) => Create(key, messageId, "open", null);

    public static string ForClick(byte[] key, Guid messageId, string url) => Create(key, messageId, "click", url);

    /// <summary>The message id a genuine open token names, or null.</summary>
    public static Guid? VerifyOpen(byte[] key, string token) => Verify(key, token, "open", null);

    /// <summary>The message id a genuine click token names for exactly this URL, or null.</summary>
    public static Guid? VerifyClick(byte[] key, string token, string url) => Verify(key, token, "click", url);

    private static string Create(byte[] key, Guid messageId, string purpose, string? url)
    {
        var bytes = new byte[16 + MacLength];
        messageId.TryWriteBytes(bytes);
        Mac(key, messageId, purpose, url).AsSpan(0, MacLength).CopyTo(bytes.AsSpan(16));
        return Base64Url.EncodeToString(bytes);
    }

    private static Guid? Verify(byte[] key, string token, string purpose, string? url)
    {
        if (token.Length > 64 || !Base64Url.IsValid(token)) return null;
        Span<byte> bytes = stackalloc byte[48];
        if (!Base64Url.TryDecodeFromChars(token, bytes, out var written) || written != 16 + MacLength) return null;
        var messageId = new Guid(bytes[..16]);
        var expected = Mac(key, messageId, purpose, url).AsSpan(0, MacLength);
        return CryptographicOperations.FixedTimeEquals(expected, bytes.Slice(16, MacLength)) ? messageId : null;
    }

    private static byte[] Mac(byte[] key, Guid messageId, string purpose, string? url) =>
        HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(purpose + "\n" + messageId.ToString("N") + "\n" + url));
}
