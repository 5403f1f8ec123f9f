using NoCodeCrm.Engine.Compiled;
using NoCodeCrm.Engine.Errors;
using NoCodeCrm.Engine.Messaging;

namespace NoCodeCrm.Engine.Consent;

/// <summary>
/// The consent check before every send: in-app notifications and <c>transactional</c> messages go; any other purpose
/// (commercial under ETK: an opt-in is needed) goes only when every person the message reaches or is about has a
/// current, unexpired grant for that channel and purpose. A recipient matched to nobody cannot have consented.
/// </summary>
public sealed class ConsentCheck(ModelRegistry registry, ConsentService consents, Compliance.ProcessingRestrictions? restrictions = null) : IConsentCheck
{
    public async Task<ConsentDecision> CheckAsync(OutgoingMessage message, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        var purpose = message.Purpose ?? ConsentPurposes.Marketing;
        if (!ConsentChannels.NeedsConsent(message.Channel)) return ConsentDecision.Allow;
        // A restricted person gets nothing, not even a transactional message: restriction means no processing at all.
        if (restrictions is not null && registry.Current.Model.Settings.Consent?.Subject is { } subjectName
            && await restrictions.ReasonAsync(subjectName, await consents.PeopleForMessageAsync(registry.Current, message.Channel, message.To,
                message.Entity, message.RecordId, ct).ConfigureAwait(false), ct).ConfigureAwait(false) is { } restricted)
            return ConsentDecision.Refuse("Restricted: " + restricted);
        if (purpose == ConsentPurposes.Transactional) return ConsentDecision.Allow;

        var model = registry.Current;
        CompiledEntity subject;
        try
        {
            subject = ConsentService.Subject(model);
        }
        catch (CrmException ex) when (ex.Code == "consentNotConfigured")
        {
            return ConsentDecision.Refuse($"Consent: a {purpose} message needs an opt-in, and none can be shown: {ex.Message}");
        }
        var people = await consents.PeopleForMessageAsync(model, message.Channel, message.To, message.Entity, message.RecordId, ct).ConfigureAwait(false);
        if (people.Count == 0)
            return ConsentDecision.Refuse($"Consent: the recipient {message.To} is not a known {subject.Name}, so no {purpose} consent for {message.Channel} can be shown.");
        return await consents.DecideAsync(subject, people, message.Channel, purpose, ct).ConfigureAwait(false);
    }
}
