using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using NoCodeCrm.Engine.Consent;
using NoCodeCrm.Engine.Events;
using NoCodeCrm.Engine.Messaging;
using NoCodeCrm.Engine.Messaging.Tracking;
using NoCodeCrm.Engine.Messaging.Webhooks;

namespace NoCodeCrm.Runtime.Hosting;

/// <summary>Registers channels, consent, the message store, e-mail tracking, inbound events and the webhook client.</summary>
public static class MessagingServiceCollectionExtensions
{
    public static IServiceCollection AddCrmMessaging(this IServiceCollection services)
    {
        services.AddOptions<MessagingOptions>().BindConfiguration("Crm").PostConfigure<IConfiguration>((options, configuration) =>
        {
            // Also accept the one-line form Crm__Webhooks__AllowedHosts="127.0.0.1,hooks.internal" (handy in environment variables).
            var line = configuration["Crm:Webhooks:AllowedHosts"];
            if (!string.IsNullOrWhiteSpace(line))
                options.Webhooks.AllowedHosts.AddRange(line.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        });
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<MessagingOptions>>().Value);
        services.AddSingleton<SecretStore>();
        services.AddSingleton<ConsentService>();
        services.TryAddSingleton<IConsentCheck, ConsentCheck>();
        services.AddSingleton<MessageStore>();
        services.AddSingleton<EmailTracker>();
        services.AddSingleton<MessageSender>();
        services.AddSingleton<InboundEventService>();
        services.AddSingleton<TrackingService>();
        services.AddSingleton(sp => new WebhookClient(sp.GetRequiredService<MessagingOptions>().Webhooks, sp.GetRequiredService<SecretStore>()));
        return services;
    }
}
