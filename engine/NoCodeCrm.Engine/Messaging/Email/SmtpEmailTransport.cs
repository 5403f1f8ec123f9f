using System.Security.Cryptography;
using System.Text;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace NoCodeCrm.Engine.Messaging.Email;

/// <summary>Sends e-mail over SMTP with MailKit, one connection per message.</summary>
public sealed class SmtpEmailTransport(SmtpOptions options)
{
    public bool IsConfigured => !string.IsNullOrWhiteSpace(options.Host) && !string.IsNullOrWhiteSpace(options.From);

    /// <summary>
    /// The Message-ID of a message: derived from the action key when there is one, so a retry after a crash that
    /// happened between the relay's acceptance and our bookkeeping carries the same id and receivers can drop the copy.
    /// </summary>
    public string MessageIdFor(Guid messageId, string? actionKey)
    {
        var local = actionKey is null
            ? messageId.ToString("N")
            : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(actionKey)))[..32];
        var at = options.From?.LastIndexOf('@') ?? -1;
        var domain = at >= 0 && at < options.From!.Length - 1 ? options.From[(at + 1)..] : "nocodecrm.local";
        return local + "@" + domain;
    }

    /// <summary>Builds the MIME message; throws <see cref="FormatException"/> when the recipient is no e-mail address.</summary>
    public MimeMessage Build(Guid messageId, OutgoingMessage message, string? html)
    {
        if (!MailboxAddress.TryParse(message.To, out var to) || to.Address.IndexOf('@', StringComparison.Ordinal) <= 0)
            throw new FormatException($"'{message.To}' is not an e-mail address.");
        var mime = new MimeMessage();
        mime.From.Add(new MailboxAddress(options.FromName ?? "", options.From ?? ""));
        mime.To.Add(to);
        mime.Subject = message.Subject ?? "";
        mime.MessageId = MessageIdFor(messageId, message.ActionKey);
        if (!string.IsNullOrEmpty(message.Language)) mime.Headers.Add(HeaderId.ContentLanguage, message.Language);
        mime.Body = new BodyBuilder { TextBody = message.Text, HtmlBody = html }.ToMessageBody();
        return mime;
    }

    public async Task<TransportReceipt> SendAsync(MimeMessage mime, CancellationToken ct)
    {
        using var client = new SmtpClient { Timeout = (int)options.Timeout.TotalMilliseconds };
        await client.ConnectAsync(options.Host ?? "", options.Port, SocketOptions(options.Security), ct).ConfigureAwait(false);
        if (!string.IsNullOrEmpty(options.UserName))
            await client.AuthenticateAsync(options.UserName, options.Password ?? "", ct).ConfigureAwait(false);
        var response = await client.SendAsync(mime, ct).ConfigureAwait(false);
        await client.DisconnectAsync(true, ct).ConfigureAwait(false);
        return new TransportReceipt(response, mime.MessageId);
    }

    private static SecureSocketOptions SocketOptions(SmtpSecurity security) => security switch
    {
        SmtpSecurity.None => SecureSocketOptions.None,
        SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.Auto,
    };

    /// <summary>Whether trying again later can help: a relay that is down or busy can, a refused address or login cannot.</summary>
    public static bool IsRetryable(Exception ex) => ex switch
    {
        SmtpCommandException command => (int)command.StatusCode is >= 400 and < 500,
        AuthenticationException => false,
        FormatException => false,
        _ => true,
    };
}
