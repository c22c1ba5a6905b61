using Microsoft.Playwright;

namespace EarlyWarning.Gateway.Tests.Pages;

/// <summary>Pictures of the pages for the docs: kept only when EW_SCREENSHOTS names a folder (docs/screenshots).</summary>
public static class Screenshots
{
    private static readonly string? Folder = Environment.GetEnvironmentVariable("EW_SCREENSHOTS");

    /// <summary>Saves what <paramref name="page"/> shows as <paramref name="file"/> in the folder, if one is set.</summary>
    public static async Task Save(IPage page, string file)
    {
        if (Folder is not null)
        {
            Directory.CreateDirectory(Folder);
            await page.ScreenshotAsync(new() { Path = Path.Combine(Folder, file) });
        }
    }
}
