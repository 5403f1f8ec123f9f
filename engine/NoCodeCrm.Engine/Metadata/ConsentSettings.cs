using System.Collections.Immutable;

namespace NoCodeCrm.Engine.Metadata;

/// <summary>
/// Which entity the people who give consent are records of (<c>settings.consent.subject</c>) and the consent purposes
/// key users may record and templates may name; consents themselves live in <c>crm_system.consent</c>.
/// </summary>
public sealed record ConsentSettings
{
    /// <summary>The data subjects' entity (e.g. <c>person</c>); its e-mail and phone fields identify recipients.</summary>
    public string? Subject { get; init; }
    public ImmutableArray<string> Purposes { get; init; } = [];
}
