namespace NoCodeCrm.Runtime.Hosting;

/// <summary>The <c>Crm</c> configuration section.</summary>
public sealed class CrmOptions
{
    /// <summary>Folder of the embedded database (and later files); relative paths are under the working directory.</summary>
    public string DataDirectory { get; set; } = "crm-data";
    /// <summary>Password of the built-in <c>admin</c>.</summary>
    public string? AdminPassword { get; set; }
    /// <summary>Metadata pack loaded into an empty database; empty for none.</summary>
    public string? Sample { get; set; } = "crm";
    /// <summary>Folder holding the sample packs; defaults to <c>samples/</c> found above the working directory or the app.</summary>
    public string? SamplesDirectory { get; set; }
    /// <summary>PostgreSQL binaries for the embedded database; found automatically when empty.</summary>
    public string? PostgresBinDirectory { get; set; }
    /// <summary>Lifetime of a login token.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(12);
}
