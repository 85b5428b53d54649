namespace Demo.Host.Tests.Browser;

/// <summary>The blank-screenshot check itself: it must tell an empty page from a page with content.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ScreenshotCheckTests(BrowserFixture app)
{
    [BrowserFact]
    public async Task An_empty_page_is_blank_and_a_page_with_text_is_not()
    {
        var page = await app.NewPageAsync();
        await page.SetContentAsync("<html><body style='background:#fff'></body></html>");
        var blank = PngImage.Decode(await page.ScreenshotAsync());
        Assert.Equal((1280, 860), (blank.Width, blank.Height));
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => Screenshots.AssertNotBlank(blank, "an empty page"));

        await page.SetContentAsync("<html><body style='font:32px sans-serif'>" + string.Concat(Enumerable.Repeat("<p>Lifespan.Actors <b style='color:#36c'>sessions</b></p>", 12)) + "</body></html>");
        Screenshots.AssertNotBlank(PngImage.Decode(await page.ScreenshotAsync()), "a page with text");
        await page.Context.CloseAsync();
    }
}
