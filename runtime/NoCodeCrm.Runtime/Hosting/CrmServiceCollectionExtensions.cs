using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using NoCodeCrm.Engine.Compiled;
using NoCodeCrm.Engine.Publishing;
using NoCodeCrm.Engine.Query;
using NoCodeCrm.Engine.Records;
using NoCodeCrm.Engine.Schema;
using NoCodeCrm.Engine.Security;
using NoCodeCrm.Engine.Security.Directory;
using NoCodeCrm.Runtime.Auth;
using NoCodeCrm.Runtime.Problems;

namespace NoCodeCrm.Runtime.Hosting;

/// <summary>Registers the engine, authentication and error handling.</summary>
public static class CrmServiceCollectionExtensions
{
    private const string CrmScheme = "crm";

    public static IServiceCollection AddCrm(this IServiceCollection services)
    {
        services.AddOptions<CrmOptions>().BindConfiguration("Crm");
        services.AddSingleton(SchemaNames.Default);
        services.AddSingleton<ModelRegistry>();
        services.AddSingleton<MetadataStore>();
        services.AddSingleton<MetadataPublisher>();
        services.AddSingleton<IRecordAccessPolicy, RoleAccessPolicy>();
        services.AddOptions<NoCodeCrm.Engine.Rules.Scripting.RuleOptions>().BindConfiguration("Crm:Rules");
        services.AddSingleton(sp => new NoCodeCrm.Engine.Rules.RuleEngine(sp.GetRequiredService<IOptions<NoCodeCrm.Engine.Rules.Scripting.RuleOptions>>().Value));
        services.AddSingleton<RecordService>();
        services.TryAddSingleton(TimeProvider.System);
        // First among the hooks: a refused stage move should cost no audit, rollup or outbox work before it rolls back.
        services.AddSingleton<IRecordWriteHook, NoCodeCrm.Engine.Pipelines.PipelineWriteHook>();
        services.AddCrmPipelines();
        services.AddCrmWorkflows();
        services.AddSingleton<IRecordWriteHook, NoCodeCrm.Engine.Rollups.RollupWriteHook>();
        services.AddSingleton<NoCodeCrm.Engine.Rollups.RollupRefresher>();
        services.AddSingleton<IRecordWriteHook, NoCodeCrm.Engine.Audit.AuditWriteHook>();
        services.AddSingleton<NoCodeCrm.Engine.Audit.AuditLog>();
        services.AddSingleton<NoCodeCrm.Engine.Audit.AuditStore>();
        services.AddSingleton<RecordQueryService>();
        services.AddSingleton<LinkService>();
        services.AddSingleton<NoCodeCrm.Engine.Templates.TemplateService>();
        services.AddSingleton<TokenService>();
        services.AddOptions<SecurityOptions>().BindConfiguration("Crm:Security");
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<SecurityOptions>>().Value);
        services.AddSingleton<IPasswordHashing, IdentityPasswordHashing>();
        services.AddSingleton<UserStore>();
        services.AddSingleton<OrganisationStore>();
        services.AddSingleton<ApiKeyStore>();
        services.AddSingleton<LoginService>();
        services.AddSingleton<PrincipalLoader>();
        services.AddSingleton<NoCodeCrm.Engine.Security.Sharing.RecordShareService>();
        services.AddSingleton<NoCodeCrm.Engine.Views.SavedViewService>();
        services.AddCrmMessaging();
        services.AddCrmCompliance();
        services.AddHostedService<CrmStartup>();
        services.AddHostedService<MetadataListener>();
        services.AddCrmScheduling();
        services.AddCrmAutomation();

        services.AddExceptionHandler<CrmProblemWriter>();
        services.AddProblemDetails();
        services.AddAuthentication(CrmScheme)
            .AddPolicyScheme(CrmScheme, "Bearer token, session cookie or API key", o => o.ForwardDefaultSelector = context =>
                ApiKeyAuthenticationHandler.KeyOf(context.Request) is null ? JwtBearerDefaults.AuthenticationScheme : ApiKeyAuthenticationHandler.SchemeName)
            .AddJwtBearer()
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).Configure<TokenService>((options, tokens) =>
        {
            options.MapInboundClaims = false;
            options.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = TokenService.Issuer,
                ValidAudience = TokenService.Issuer,
                IssuerSigningKeyResolver = (_, _, _, _) => [tokens.Key],
                NameClaimType = "name",
                RoleClaimType = "role",
                ClockSkew = TimeSpan.FromSeconds(30),
            };
            options.Events = new JwtBearerEvents
            {
                OnMessageReceived = context =>
                {
                    // The SPA's session cookie stands in for the header; a request with its own Authorization header uses that.
                    if (string.IsNullOrEmpty(context.Request.Headers.Authorization) && context.Request.Cookies[SessionCookie.Name] is { Length: > 0 } cookie)
                    {
                        context.Token = cookie;
                        context.HttpContext.Items[SessionCookie.UsedKey] = true;
                    }
                    return Task.CompletedTask;
                },
                OnChallenge = async context =>
                {
                    context.HandleResponse();
                    await CrmProblemWriter.WriteAsync(context.HttpContext, new Problem(401, "Unauthorized",
                        "Log in with POST /api/auth/login and send the token as 'Authorization: Bearer <token>'.", "unauthorized", [], null), context.HttpContext.RequestAborted);
                },
            };
        });
        services.AddAuthorization();
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase));
            o.SerializerOptions.DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull;
            o.SerializerOptions.Encoder = ApiJson.Options.Encoder;
        });
        return services;
    }
}
