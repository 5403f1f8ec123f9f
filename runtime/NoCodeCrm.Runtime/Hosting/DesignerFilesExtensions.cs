using Microsoft.Extensions.FileProviders;

namespace NoCodeCrm.Runtime.Hosting;

/// <summary>Serves the SPA built from <c>designer/</c> (index.html and its hashed assets).</summary>
public static class DesignerFilesExtensions
{
    /// <summary>
    /// Static files from the web root. The runtime is usually started from the repository root (dotnet run,
    /// dotnet NoCodeCrm.Runtime.dll), where there is no wwwroot; the build copies the SPA next to the app, so
    /// that copy is used when the content root has none.
    /// </summary>
    public static WebApplication UseDesignerFiles(this WebApplication app)
    {
        var environment = app.Environment;
        var besideApp = Path.Combine(AppContext.BaseDirectory, "wwwroot");
        if (!environment.WebRootFileProvider.GetFileInfo("index.html").Exists && File.Exists(Path.Combine(besideApp, "index.html")))
        {
            environment.WebRootPath = besideApp;
            environment.WebRootFileProvider = new PhysicalFileProvider(besideApp);
        }
        app.UseDefaultFiles();
        app.UseStaticFiles();
        return app;
    }

    /// <summary>
    /// Unknown paths without a file extension get index.html, so the SPA's own routes survive a reload.
    /// Paths under <c>/api</c> are left out: an unknown API route stays a 404 (and a wrong method a 405).
    /// </summary>
    public static IEndpointRouteBuilder MapDesignerFallback(this IEndpointRouteBuilder app)
    {
        app.MapFallbackToFile("{*path:nonfile:regex(^(?!api(/|$)).*$)}", "index.html");
        return app;
    }
}
