using static Microsoft.Playwright.Assertions;

namespace Demo.Host.Tests.Browser;

/// <summary>The actor tree page: the live actors under /user with their mailbox depths.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ActorsPageTests(BrowserFixture app)
{
    [BrowserFact]
    public async Task The_tree_shows_the_lifespan_and_session_actors_with_mailbox_depths()
    {
        var page = await app.NewPageAsync();
        await page.OpenAsync("/actors");
        var tree = page.ByTestId("actor-tree");
        await Expect(tree.Locator("[data-path='/user/lifespan']")).ToBeVisibleAsync();
        await Expect(tree.Locator("[data-path='/user/sessions']")).ToBeVisibleAsync();
        await Expect(tree.Locator("[data-path^='/user/lifespan/']").First).ToBeVisibleAsync();
        await Expect(tree.Locator("[data-path^='/user/sessions/']").First).ToBeVisibleAsync();   // this page's own session

        var depth = await tree.Locator("[data-path='/user/sessions'] [data-testid=mailbox]").First.TextContentAsync();
        Assert.Matches(@"^\s*\d+\s*$", depth ?? "");
        await Screenshots.SaveAsync(page, "actors");
        await page.Context.CloseAsync();
    }
}
