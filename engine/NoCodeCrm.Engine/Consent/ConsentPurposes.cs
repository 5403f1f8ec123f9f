using NoCodeCrm.Engine.Metadata;
using NoCodeCrm.Engine.Metadata.Templates;

namespace NoCodeCrm.Engine.Consent;

/// <summary>
/// What a message is for. <c>transactional</c> messages (about a contract or service the person already has) are not
/// commercial under ETK and need no opt-in; every other purpose is a consent purpose and needs a current grant.
/// </summary>
public static class ConsentPurposes
{
    public const string Transactional = "transactional";
    /// <summary>The purpose of a template that names none, and the only purpose of a model that lists none: the safe side under ETK.</summary>
    public const string Marketing = "marketing";

    /// <summary>The consent purposes of the model (<c>settings.consent.purposes</c>, or just <c>marketing</c>).</summary>
    public static IReadOnlyList<string> Of(ModelSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.Consent is { Purposes.IsDefaultOrEmpty: false } consent ? consent.Purposes : [Marketing];
    }

    public static string Of(TemplateDefinition template)
    {
        ArgumentNullException.ThrowIfNull(template);
        return template.Purpose ?? Marketing;
    }
}
