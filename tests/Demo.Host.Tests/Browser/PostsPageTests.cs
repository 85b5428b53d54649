using static Microsoft.Playwright.Assertions;

namespace Demo.Host.Tests.Browser;

/// <summary>Seed 003 in the browser: posts fetched by a background task appear one by one, in order.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PostsPageTests(BrowserFixture app)
{
    [BrowserFact]
    public async Task Fetching_fills_the_list_in_order_with_the_progress_bar_following()
    {
        var page = await app.NewPageAsync();
        await page.OpenAsync("/posts");
        var posts = page.ByTestId("posts").Locator("li");
        await Expect(posts).ToHaveCountAsync(0);

        await page.ByTestId("fetch-posts").ClickAsync();

        // Part way: what is shown is the start of the list, and the progress bar says how much.
        await page.WaitForFunctionAsync("() => { const n = document.querySelectorAll('[data-testid=posts] li').length; return n >= 1 && n < 10; }");
        var partial = await posts.AllTextContentsAsync();
        Assert.InRange(partial.Count, 1, 9);
        AssertTitlesInOrder(partial);

        await Expect(posts).ToHaveCountAsync(10);
        AssertTitlesInOrder(await posts.AllTextContentsAsync());
        await Expect(page.ByTestId("progress")).ToHaveAttributeAsync("value", "10");
        await Screenshots.SaveAsync(page, "posts");
        await page.Context.CloseAsync();
    }

    private static void AssertTitlesInOrder(IReadOnlyList<string> shown)
    {
        var numbers = shown.Select(t => System.Text.RegularExpressions.Regex.Match(t, @"Post (\d+)") is { Success: true } m ? int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : -1);
        Assert.Equal(Enumerable.Range(1, shown.Count), numbers);
    }
}
