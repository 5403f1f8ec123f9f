using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace NoCodeCrm.Engine.Tests.Messaging;

/// <summary>
/// A minimal HTTP/1.1 server on loopback, the protocol peer of webhook and channel-adapter tests: it reads each request
/// (headers and Content-Length body), keeps it, and answers what <see cref="Respond"/> says after <see cref="Delay"/>.
/// </summary>
public sealed class LoopbackHttpReceiver : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public LoopbackHttpReceiver()
    {
        _listener.Start();
        _loop = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;
    public Uri Url(string path = "/hook") => new(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{Port}{path}"));
    public ConcurrentQueue<ReceivedRequest> Requests { get; } = new();
    public Func<ReceivedRequest, HttpAnswer> Respond { get; set; } = _ => new HttpAnswer(200, "{\"id\":\"provider-1\"}");
    public TimeSpan Delay { get; set; }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        try
        {
            var stream = client.GetStream();
            var head = new List<byte>();
            var one = new byte[1];
            while (!EndsWithBlankLine(head))
            {
                if (await stream.ReadAsync(one, _stop.Token) == 0) return;
                head.Add(one[0]);
            }
            var lines = Encoding.ASCII.GetString([.. head]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
            var requestLine = lines[0].Split(' ');
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var line in lines.Skip(1))
            {
                var colon = line.IndexOf(':', StringComparison.Ordinal);
                if (colon > 0) headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
            }
            var length = headers.TryGetValue("Content-Length", out var l) ? int.Parse(l, CultureInfo.InvariantCulture) : 0;
            var body = new byte[length];
            var read = 0;
            while (read < length)
            {
                var n = await stream.ReadAsync(body.AsMemory(read), _stop.Token);
                if (n == 0) return;
                read += n;
            }

            var request = new ReceivedRequest(requestLine[0], requestLine[1], headers, Encoding.UTF8.GetString(body));
            Requests.Enqueue(request);
            if (Delay > TimeSpan.Zero) await Task.Delay(Delay, _stop.Token);
            var answer = Respond(request);
            var payload = Encoding.UTF8.GetBytes(answer.Body);
            var response = new StringBuilder()
                .Append(CultureInfo.InvariantCulture, $"HTTP/1.1 {answer.Status} Test\r\n")
                .Append("Content-Type: application/json\r\n")
                .Append(CultureInfo.InvariantCulture, $"Content-Length: {payload.Length}\r\n")
                .Append(answer.Location is null ? "" : $"Location: {answer.Location}\r\n")
                .Append("Connection: close\r\n\r\n");
            await stream.WriteAsync(Encoding.ASCII.GetBytes(response.ToString()), _stop.Token);
            await stream.WriteAsync(payload, _stop.Token);
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException)
        {
            // The client gave up (e.g. its timeout) or the receiver is stopping.
        }
    }

    private static bool EndsWithBlankLine(List<byte> head) =>
        head.Count >= 4 && head[^4] == '\r' && head[^3] == '\n' && head[^2] == '\r' && head[^1] == '\n';

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _loop;
        _stop.Dispose();
    }
}

/// <summary>One request as the receiver saw it.</summary>
public sealed record ReceivedRequest(string Method, string Target, IReadOnlyDictionary<string, string> Headers, string Body);

/// <summary>What the receiver answers.</summary>
public sealed record HttpAnswer(int Status, string Body, string? Location = null);
