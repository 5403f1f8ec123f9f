namespace NoCodeCrm.Engine.Compliance.Retention;

/// <summary>The <c>Crm:Retention</c> settings: when the nightly run starts and how many records one transaction handles.</summary>
public sealed class RetentionOptions
{
    /// <summary>Quartz cron (seconds first, UTC); by default every night at 03:15.</summary>
    public string Cron { get; set; } = "0 15 3 * * ?";

    /// <summary>Records per transaction: small enough that locks and the audit rewrite stay short.</summary>
    public int BatchSize { get; set; } = 500;
}
