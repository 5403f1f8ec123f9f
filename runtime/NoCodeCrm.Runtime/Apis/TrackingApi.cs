using NoCodeCrm.Engine.Messaging.Tracking;

namespace NoCodeCrm.Runtime.Apis;

/// <summary>
/// The e-mail tracking routes, open to anyone because mail clients call them: <c>GET /t/o/{token}.gif</c> records an
/// open and returns a transparent pixel, <c>GET /t/c/{token}?u=…</c> records a click and redirects. Forged or damaged
/// tokens get 404 and no redirect.
/// </summary>
public static class TrackingApi
{
    private static readonly byte[] Pixel = Convert.FromBase64String("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");

    public static IEndpointRouteBuilder MapTrackingApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/t").AllowAnonymous();

        group.MapGet("/o/{token}.gif", async Task<IResult> (string token, HttpContext http, TrackingService tracking, CancellationToken ct) =>
        {
            if (!await tracking.RecordOpenAsync(token, ct)) return TypedResults.NotFound();
            http.Response.Headers.CacheControl = "no-store, no-cache, must-revalidate, private";
            return TypedResults.File(Pixel, "image/gif");
        });

        group.MapGet("/c/{token}", async Task<IResult> (string token, HttpContext http, TrackingService tracking, CancellationToken ct) =>
        {
            var url = http.Request.Query["u"].ToString();
            if (url.Length is 0 or > 8192) return TypedResults.NotFound();
            var target = await tracking.RecordClickAsync(token, url, ct);
            if (target is null) return TypedResults.NotFound();
            http.Response.Headers.CacheControl = "no-store";
            return TypedResults.Redirect(target.AbsoluteUri);
        });
        return app;
    }
}
