using System.Collections.Immutable;

namespace NoCodeCrm.Engine.Metadata;

/// <summary>Model-wide settings: the languages labels come in, the language that rules text sorting, and consent.</summary>
public sealed record ModelSettings
{
    public static readonly ModelSettings Default = new();

    /// <summary>Decides text collation (sorting, case-insensitive matching) via the ICU collation <c>{language}-x-icu</c>.</summary>
    public string DefaultLanguage { get; init; } = "en";
    public ImmutableArray<string> Languages { get; init; } = ["en"];
    /// <summary>The ISO 4217 code money is shown in (<c>TRY</c>, <c>EUR</c>); screens assume Turkish lira when it is not set.</summary>
    public string? Currency { get; init; }
    /// <summary>Consent management; without it no commercial message can show an opt-in, so none is sent.</summary>
    public ConsentSettings? Consent { get; init; }
}
