using System.Net;
using NoCodeCrm.Engine.Consent;
using NoCodeCrm.Runtime.Auth;

namespace NoCodeCrm.Runtime.Apis;

/// <summary>
/// Consent management: <c>POST/GET /api/consents</c> (record a decision; current state or history), <c>POST
/// /api/consents/opt-out</c>, <c>POST/GET /api/consents/texts</c> (versioned consent texts), <c>GET
/// /api/consents/export</c> (İYS-style CSV), and the public unsubscribe link <c>/t/u/{token}</c>: GET shows a
/// confirmation, POST (the button, or a mail client's one-click unsubscribe) opts the person out of everything.
/// </summary>
public static class ConsentsApi
{
    public static IEndpointRouteBuilder MapConsentsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/consents").RequireAuthorization();

        group.MapPost("", async (HttpContext http, ConsentService consents, CancellationToken ct) =>
        {
            var body = await HttpBody.ReadJsonAsync(http.Request, ct);
            return TypedResults.Created((string?)null, await consents.RecordAsync(http.ToCrmPrincipal(), body, ct));
        });

        group.MapGet("", async (HttpContext http, ConsentService consents, CancellationToken ct) =>
        {
            var history = QueryParameters.OneOf(http.Request, "history", ["true", "false"]) == "true";
            var query = new ConsentQuery(
                QueryParameters.Id(http.Request, "person"),
                QueryParameters.OneOf(http.Request, "channel", [.. ConsentChannels.All]),
                QueryParameters.Text(http.Request, "purpose"),
                QueryParameters.OneOf(http.Request, "status", [.. ConsentStatuses.All]),
                history,
                QueryParameters.Top(http.Request, 100, ConsentQuery.MaxTop));
            return TypedResults.Ok(new { value = await consents.ListAsync(http.ToCrmPrincipal(), query, ct) });
        });

        group.MapPost("/opt-out", async (HttpContext http, ConsentService consents, CancellationToken ct) =>
        {
            var (person, source) = ConsentRequestReader.ReadOptOut(await HttpBody.ReadJsonAsync(http.Request, ct));
            var withdrawn = await consents.OptOutAsync(http.ToCrmPrincipal(), person, source, null, null, ct);
            return TypedResults.Ok(new { withdrawn });
        });

        group.MapPost("/texts", async (HttpContext http, ConsentService consents, CancellationToken ct) =>
        {
            var body = await HttpBody.ReadJsonAsync(http.Request, ct);
            return TypedResults.Created((string?)null, await consents.AddTextAsync(http.ToCrmPrincipal(), body, ct));
        });

        group.MapGet("/texts", async (HttpContext http, ConsentService consents, CancellationToken ct) =>
            TypedResults.Ok(new
            {
                value = await consents.ListTextsAsync(QueryParameters.Text(http.Request, "purpose"),
                    QueryParameters.OneOf(http.Request, "channel", [.. ConsentChannels.All]), ct),
            }));

        group.MapGet("/export", async (HttpContext http, ConsentService consents, CancellationToken ct) =>
        {
            var purpose = QueryParameters.Text(http.Request, "purpose") ?? ConsentPurposes.Marketing;
            var csv = await consents.ExportIysAsync(http.ToCrmPrincipal(), purpose, ct);
            http.Response.Headers.ContentDisposition = "attachment; filename=\"iys-consents.csv\"";
            return TypedResults.Text(csv, "text/csv; charset=utf-8");
        });

        var link = app.MapGroup("/t/u").AllowAnonymous();

        // Link scanners and previews fetch GETs: a GET only asks, the POST of the button (or RFC 8058 one-click) acts.
        link.MapGet("/{token}", async Task<IResult> (string token, ConsentService consents, CancellationToken ct) =>
            !await consents.IsGenuineUnsubscribeAsync(token, ct) ? TypedResults.NotFound() : TypedResults.Content(Page(
            "<p>Tüm ticari iletilerimizden (e-posta, SMS, arama) çıkmak istiyor musunuz?<br>Do you want to stop all our commercial messages (e-mail, SMS, calls)?</p>" +
            $"<form method=\"post\" action=\"{WebUtility.HtmlEncode(Uri.EscapeDataString(token))}\"><button type=\"submit\">Abonelikten çık / Unsubscribe</button></form>"),
            "text/html; charset=utf-8"));

        link.MapPost("/{token}", async Task<IResult> (string token, HttpContext http, ConsentService consents, CancellationToken ct) =>
        {
            var ip = http.Connection.RemoteIpAddress?.ToString();
            var userAgent = http.Request.Headers.UserAgent.ToString();
            if (!await consents.UnsubscribeAsync(token, ip, userAgent.Length == 0 ? null : userAgent, ct)) return TypedResults.NotFound();
            http.Response.Headers.CacheControl = "no-store";
            return TypedResults.Content(Page("<p>Aboneliğiniz sonlandırıldı. / You have been unsubscribed from all our commercial messages.</p>"),
                "text/html; charset=utf-8");
        });
        return app;
    }

    private static string Page(string body) =>
        $"<!doctype html><html><head><meta charset=\"utf-8\"><meta name=\"robots\" content=\"noindex\"><title>Unsubscribe</title></head><body>{body}</body></html>";
}
