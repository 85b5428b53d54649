using Microsoft.Playwright;

namespace Demo.Host.Tests.Browser;

/// <summary>Screenshots of the pages, saved under <c>artifacts/screenshots</c> at the repository root (git-ignored).</summary>
internal static class Screenshots
{
    public static string Folder
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Lifespan.Actors.sln")))
            {
                dir = dir.Parent;
            }

            return Path.Combine(dir?.FullName ?? AppContext.BaseDirectory, "artifacts", "screenshots");
        }
    }

    /// <summary>Saves a full-page screenshot as <c>{name}.png</c> and fails when it is blank.</summary>
    public static async Task SaveAsync(IPage page, string name)
    {
        Directory.CreateDirectory(Folder);
        var path = Path.Combine(Folder, name + ".png");
        var png = await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        AssertNotBlank(PngImage.Decode(png), path);
    }

    public static void AssertNotBlank(PngImage image, string what)
    {
        var share = image.ShareNotBackground();
        var colours = image.DistinctColours();
        Assert.True(
            share >= 0.01 && colours >= 16,
            $"{what} looks blank: {share:P2} of its {image.Width}x{image.Height} pixels differ from the background, in {colours} colours (expected at least 1 % and 16).");
    }
}
