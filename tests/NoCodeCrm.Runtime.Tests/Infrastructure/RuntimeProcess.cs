using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace NoCodeCrm.Runtime.Tests.Infrastructure;

/// <summary>
/// The built runtime started as its own OS process (<c>dotnet NoCodeCrm.Runtime.dll</c>) on a loopback port, configured
/// through environment variables, for tests that need what an in-process host cannot give: SIGKILL, restarts, several nodes.
/// </summary>
public sealed class RuntimeProcess : IAsyncDisposable
{
    private const int KeptLogLines = 400;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly ConcurrentDictionary<int, Process> Live = new();

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _log = new();
    private readonly HttpClient _probe;

    static RuntimeProcess()
    {
        // A test host that ends (or fails) without disposing must not leave runtimes running against a deleted database.
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            foreach (var process in Live.Values) TryKill(process);
        };
    }

    private RuntimeProcess(string name, Process process, Uri baseAddress)
    {
        Name = name;
        _process = process;
        BaseAddress = baseAddress;
        _probe = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(5) };
    }

    public string Name { get; }
    public Uri BaseAddress { get; }
    public int ProcessId => _process.Id;
    public bool HasExited => _process.HasExited;

    /// <summary>The runtime DLL the test project's build copied next to the tests (the project reference brings it with its runtimeconfig).</summary>
    public static string RuntimeDll
    {
        get
        {
            var dll = Path.Combine(AppContext.BaseDirectory, "NoCodeCrm.Runtime.dll");
            if (!File.Exists(dll) || !File.Exists(Path.ChangeExtension(dll, ".runtimeconfig.json")))
                throw new FileNotFoundException($"The runtime build output is missing next to the tests ({dll}); build the solution first.");
            return dll;
        }
    }

    /// <summary>
    /// The settings every test runtime needs: its database (always given, so the embedded one is never started), the admin
    /// password, the sample pack, and logs quiet enough to keep but telling when something goes wrong.
    /// </summary>
    public static Dictionary<string, string> BaseSettings(string connectionString) => new(StringComparer.OrdinalIgnoreCase)
    {
        ["ConnectionStrings:Crm"] = connectionString,
        ["Crm:AdminPassword"] = CrmApiFactory.AdminPassword,
        ["Crm:Sample"] = "crm",
        ["Logging:LogLevel:Default"] = "Warning",
        ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Information",
        ["Logging:LogLevel:NoCodeCrm"] = "Information",
        ["Logging:Console:FormatterOptions:TimestampFormat"] = "HH:mm:ss.fff ",
    };

    /// <summary>Starts the runtime with these settings (configuration keys, e.g. <c>Crm:Automation:Lease</c>) and waits until /health answers.</summary>
    public static async Task<RuntimeProcess> StartAsync(string name, IReadOnlyDictionary<string, string> settings)
    {
        if (!settings.TryGetValue("ConnectionStrings:Crm", out var connectionString) || string.IsNullOrWhiteSpace(connectionString))
            throw new ArgumentException("A test runtime needs ConnectionStrings:Crm; without it the runtime would start an embedded database.", nameof(settings));

        var port = FreeLoopbackPort();
        var baseAddress = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/"));
        var startInfo = new ProcessStartInfo(DotnetHost())
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        startInfo.ArgumentList.Add(RuntimeDll);
        startInfo.ArgumentList.Add("--urls");
        startInfo.ArgumentList.Add(baseAddress.ToString().TrimEnd('/'));
        // Settings inherited from the test host's environment must not leak into the runtime under test.
        foreach (var key in startInfo.Environment.Keys.ToArray())
            if (key.StartsWith("Crm__", StringComparison.OrdinalIgnoreCase) || key.StartsWith("ConnectionStrings__", StringComparison.OrdinalIgnoreCase)
                || key.StartsWith("ASPNETCORE_", StringComparison.OrdinalIgnoreCase) || key.Equals("DOTNET_ENVIRONMENT", StringComparison.OrdinalIgnoreCase))
                startInfo.Environment.Remove(key);
        startInfo.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in settings) startInfo.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;

        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        RuntimeProcess? runtime = null;
        process.OutputDataReceived += (_, e) => runtime?.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => runtime?.Keep(e.Data);
        runtime = new RuntimeProcess(name, process, baseAddress);
        if (!process.Start()) throw new InvalidOperationException($"The runtime process '{name}' did not start.");
        Live[process.Id] = process;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await runtime.WaitUntilHealthyAsync();
        }
        catch
        {
            await runtime.DisposeAsync();
            throw;
        }
        return runtime;
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        _log.Enqueue(line);
        while (_log.Count > KeptLogLines) _log.TryDequeue(out _);
    }

    /// <summary>The last lines the runtime wrote (stdout and stderr), to show when a test fails.</summary>
    public string LogTail() => $"----- {Name} (pid {_process.Id}, {BaseAddress}) -----{Environment.NewLine}{string.Join(Environment.NewLine, _log)}";

    /// <summary>How many of the kept log lines contain this text.</summary>
    public int LogLinesContaining(string text) => _log.Count(l => l.Contains(text, StringComparison.Ordinal));

    private async Task WaitUntilHealthyAsync()
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"The runtime '{Name}' exited with code {_process.ExitCode} before it was healthy.{Environment.NewLine}{LogTail()}");
            try
            {
                using var response = await _probe.GetAsync(new Uri("health", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK) return;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }
            if (clock.Elapsed > StartTimeout)
                throw new TimeoutException($"The runtime '{Name}' was not healthy after {StartTimeout.TotalSeconds} s.{Environment.NewLine}{LogTail()}");
            await Task.Delay(100);
        }
    }

    /// <summary>A client of this runtime, logged in as the administrator (tokens are valid on every node of the database).</summary>
    public async Task<HttpClient> CreateAdminClientAsync()
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        using var response = await client.PostAsJsonAsync("/api/auth/login", new { username = "admin", password = CrmApiFactory.AdminPassword });
        response.EnsureSuccessStatusCode();
        var login = await response.Content.ReadFromJsonAsync<JsonObject>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", login!["token"]!.GetValue<string>());
        return client;
    }

    /// <summary>SIGKILL: the process and anything it started die at once, with no shutdown code run (a crash, an OOM kill).</summary>
    public async Task KillAsync()
    {
        TryKill(_process);
        await _process.WaitForExitAsync();
        Live.TryRemove(_process.Id, out _);
    }

    /// <summary>SIGTERM, as a service manager stops it: hosted services stop and drain; killed if it has not exited within the timeout.</summary>
    public async Task StopAsync(TimeSpan? timeout = null)
    {
        if (!_process.HasExited)
        {
            using (var signal = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-TERM", _process.Id.ToString(CultureInfo.InvariantCulture) }, UseShellExecute = false }))
                if (signal is not null) await signal.WaitForExitAsync();
            using var wait = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
            try
            {
                await _process.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                Keep($"[test] did not stop within {(timeout ?? TimeSpan.FromSeconds(30)).TotalSeconds} s of SIGTERM; killed");
                TryKill(_process);
                await _process.WaitForExitAsync();
            }
        }
        Live.TryRemove(_process.Id, out _);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) await KillAsync();
        Live.TryRemove(_process.Id, out _);
        _probe.Dispose();
        _process.Dispose();
    }

    private static void TryKill(Process process)
    {
        try
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException)
        {
            // Already gone.
        }
    }

    /// <summary>The dotnet host running the tests (the SDK sets DOTNET_HOST_PATH), so the runtime uses the same installation.</summary>
    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
