namespace NoCodeCrm.Engine.Tests.Infrastructure;

/// <summary>A fresh folder under /tmp (traversable by the postgres user), deleted on dispose.</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        var root = Directory.Exists("/tmp") ? "/tmp" : System.IO.Path.GetTempPath();
        Path = System.IO.Path.Combine(root, $"nocodecrm-test-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A leftover folder in /tmp is harmless.
        }
    }
}
