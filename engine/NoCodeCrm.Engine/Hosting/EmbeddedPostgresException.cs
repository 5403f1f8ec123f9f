namespace NoCodeCrm.Engine.Hosting;

/// <summary>
/// The embedded PostgreSQL cluster could not be prepared, started or stopped. The message says
/// what failed and, when the server itself complained, ends with the tail of its log.
/// </summary>
public sealed class EmbeddedPostgresException : Exception
{
    public EmbeddedPostgresException()
    {
    }

    public EmbeddedPostgresException(string message)
        : base(message)
    {
    }

    public EmbeddedPostgresException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
