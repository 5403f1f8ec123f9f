using NoCodeCrm.Runtime.Apis;
using NoCodeCrm.Runtime.Hosting;

// User patterns run in the record validator: a catastrophic one must time out, not hang a request.
AppContext.SetData("REGEX_DEFAULT_MATCH_TIMEOUT", TimeSpan.FromMilliseconds(200));

var builder = WebApplication.CreateBuilder(args);
await builder.AddCrmDatabaseAsync();
builder.Services.AddCrm();

var app = builder.Build();
app.Use((context, next) =>
{
    // Browsers must treat API JSON as data, never sniff it into HTML (see JsonEncoding).
    context.Response.Headers.XContentTypeOptions = "nosniff";
    return next(context);
});
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseDesignerFiles();
app.UseAuthentication();
app.UseMiddleware<NoCodeCrm.Runtime.Auth.CrmPrincipalMiddleware>();
app.UseAuthorization();

app.MapSystemApi();
app.MapAuthApi();
app.MapUsersApi();
app.MapOrganisationApi();
app.MapApiKeysApi();
app.MapMetadataApi();
app.MapRecordsApi();
app.MapSharesApi();
app.MapRulesApi();
app.MapEventsApi();
app.MapMessagesApi();
app.MapTrackingApi();
app.MapConsentsApi();
app.MapTemplatesApi();
app.MapAutomationApi();
app.MapWorkflowsApi();
app.MapSavedViewsApi();
app.MapAuditApi();
app.MapComplianceApi();
app.MapPipelinesApi();
app.MapDesignerFallback();

await app.RunAsync();

/// <summary>The runtime's entry point, public for the functional tests.</summary>
public partial class Program;
