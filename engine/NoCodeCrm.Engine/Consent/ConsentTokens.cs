using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace NoCodeCrm.Engine.Consent;

/// <summary>
/// Signed unsubscribe tokens: the person's id followed by an HMAC over it, so a link opts out exactly the person it was
/// sent to and nobody can opt out others by editing ids.
/// </summary>
public static class ConsentTokens
{
    public const string KeyName = "unsubscribe_key";
    private const int MacLength = 16;

    public static string ForUnsubscribe(byte[] key, Guid person)
    {
        var bytes = new byte[16 + MacLength];
        person.TryWriteBytes(bytes);
        Mac(key, person).AsSpan(0, MacLength).CopyTo(bytes.AsSpan(16));
        return Base64Url.EncodeToString(bytes);
    }

    /// <summary>The person a genuine token names, or null for a forged or damaged one.</summary>
    public static Guid? VerifyUnsubscribe(byte[] key, string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (token.Length > 64 || !Base64Url.IsValid(token)) return null;
        Span<byte> bytes = stackalloc byte[48];
        if (!Base64Url.TryDecodeFromChars(token, bytes, out var written) || written != 16 + MacLength) return null;
        var person = new Guid(bytes[..16]);
        return CryptographicOperations.FixedTimeEquals(Mac(key, person).AsSpan(0, MacLength), bytes.Slice(16, MacLength)) ? person : null;
    }

    private static byte[] Mac(byte[] key, Guid person) =>
        HMACSHA256.HashData(key, Encoding.UTF8.GetBytes("unsubscribe\n" + person.ToString("N")));
}
