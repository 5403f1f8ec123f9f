namespace NoCodeCrm.Engine.Hosting;

/// <summary>How a helper process ended: its exit code and what it wrote (stdout and stderr, interleaved).</summary>
internal sealed record ProcessResult(int ExitCode, string Output)
{
    public bool Succeeded => ExitCode == 0;
}
