using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.FileProviders;

namespace TangerangLive.Api.Live;

/// <summary>
/// Serves the Live Room page: static files (HTML, CSS, JS modules and vendored Leaflet/SignalR) copied
/// from api/wwwroot into the silo's output folder, so `/` is the wall display and nothing comes from a CDN.
/// </summary>
public static class LiveRoomPage
{
    public const string FolderName = "wwwroot";

    /// <summary>The folder beside the running assembly that holds the page.</summary>
    public static string Folder { get; } = Path.Combine(AppContext.BaseDirectory, FolderName);

    public static WebApplication UseLiveRoomPage(this WebApplication app)
    {
        if (!Directory.Exists(Folder))
        {
            throw new DirectoryNotFoundException($"The Live Room page is missing: no {Folder}. Build the silo project, which copies api/wwwroot there.");
        }

        var files = new PhysicalFileProvider(Folder);
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions { FileProvider = files });
        return app;
    }
}
