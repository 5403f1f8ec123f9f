using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace NoCodeCrm.Engine.Hosting;

/// <summary>Runs a short-lived helper program (initdb, pg_ctl, chown …) and collects its output.</summary>
internal static class ProcessRunner
{
    /// <summary>How long to wait for the output pipes to close once the process has exited.</summary>
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromMilliseconds(250);

    /// <remarks>
    /// Completion is the process's exit, never the end of its output. <c>pg_ctl start</c> forks the
    /// postmaster, and anything that inherits our pipes keeps them open for the server's whole
    /// life: <see cref="Process.WaitForExitAsync"/> (which also waits for the redirected streams
    /// to reach end-of-file) would then hang until the server stops. So we wait for
    /// <see cref="Process.Exited"/> and give the pipes only a short grace period to drain.
    /// </remarks>
    public static async Task<ProcessResult> RunAsync(
        string fileName,
        IReadOnlyList<string> arguments,
        string workingDirectory,
        CancellationToken ct)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        var output = new StringBuilder();
        var outputClosed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var errorClosed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var exited = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) => Collect(e.Data, output, outputClosed);
        process.ErrorDataReceived += (_, e) => Collect(e.Data, output, errorClosed);
        process.Exited += (_, _) => exited.TrySetResult();

        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            throw new EmbeddedPostgresException($"Could not run {fileName}: {ex.Message}", ex);
        }

        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        try
        {
            await exited.Task.WaitAsync(ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            TryKill(process);
            throw;
        }

        await Task.WhenAny(Task.WhenAll(outputClosed.Task, errorClosed.Task), Task.Delay(DrainTimeout, CancellationToken.None))
            .ConfigureAwait(false);
        string text;
        lock (output)
        {
            text = output.ToString().TrimEnd();
        }

        return new ProcessResult(process.ExitCode, text);
    }

    private static void Collect(string? line, StringBuilder output, TaskCompletionSource closed)
    {
        if (line is null)
        {
            closed.TrySetResult();
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private static void TryKill(Process process)
    {
        try
        {
            process.Kill();
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
    }
}
