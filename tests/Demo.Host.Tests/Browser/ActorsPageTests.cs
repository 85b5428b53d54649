using Lifespan.Actors.Sessions;
using Lifespan.Actors.State;
using static Microsoft.Playwright.Assertions;

namespace Demo.Host.Tests.Browser;

/// <summary>The actor tree page: the live actors under /user, sessions named by the hash of their token.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ActorsPageTests(BrowserFixture app)
{
    [BrowserFact]
    public async Task The_tree_shows_the_lifespan_tasks_the_sessions_by_hash_their_connections_and_background_tasks_live()
    {
        var page = await app.NewPageAsync();
        await page.OpenAsync("/actors");
        var token = await page.EvaluateAsync<string>("() => sessionStorage.getItem('lifespan.session-token')");
        var tree = page.ByTestId("actor-tree");
        await Expect(tree.Locator("[data-path='/user/lifespan']")).ToBeVisibleAsync();
        await Expect(tree.Locator("[data-path='/user/lifespan/0-long-running-task']")).ToContainTextAsync("Running");
        await Expect(tree.Locator("[data-path='/user/lifespan/1-setup-model']")).ToBeVisibleAsync();
        await Expect(tree.Locator("[data-path='/user/sessions']")).ToBeVisibleAsync();
        await Expect(tree.Locator($"[data-path='/user/sessions/{SessionToken.Hash(token)}']")).ToContainTextAsync("1 subscriber");   // this page's own session
        await Expect(tree.Locator("[data-path^='/user/ws-']").First).ToBeVisibleAsync();   // its connection
        var waiting = await tree.Locator("[data-path='/user/sessions'] [data-testid=waiting]").First.TextContentAsync();
        Assert.Matches(@"^\s*\d+\s*$", waiting ?? "");

        // Another tab starts a background task: it appears under that tab's session, and goes when it is stopped.
        var counter = await app.NewPageAsync();
        await counter.OpenAsync("/counter");
        var counterSession = SessionToken.Hash(await counter.EvaluateAsync<string>("() => sessionStorage.getItem('lifespan.session-token')"));
        await counter.ByTestId("max-counter").FillAsync("1000");
        await counter.ByTestId("max-counter").PressAsync("Enter");
        await counter.ByTestId("toggle").ClickAsync();
        await Expect(counter.ByTestId("toggle")).ToHaveTextAsync("Stop");
        var background = tree.Locator($"[data-path^='/user/sessions/{counterSession}/bg-']");
        await Expect(background).ToContainTextAsync("MyTaskState.MyTask");
        await Screenshots.SaveAsync(page, "actors");

        await counter.ByTestId("toggle").ClickAsync();
        await Expect(background).ToHaveCountAsync(0);

        // Session ids are hashes: no token is anywhere on the page.
        var shown = await tree.InnerHTMLAsync();
        Assert.DoesNotContain(token, shown, StringComparison.Ordinal);
        Assert.DoesNotContain(await counter.EvaluateAsync<string>("() => sessionStorage.getItem('lifespan.session-token')"), shown, StringComparison.Ordinal);
        await counter.Context.CloseAsync();
        await page.Context.CloseAsync();
    }
}
