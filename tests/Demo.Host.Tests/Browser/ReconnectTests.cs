using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Demo.Host.Tests.Browser;

/// <summary>The client's reconnect: a tab that lost its connection resumes its session with what changed meanwhile.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ReconnectTests(BrowserFixture app)
{
    [BrowserFact]
    public async Task A_tab_back_online_resumes_its_session_and_shows_changes_made_while_it_was_away()
    {
        var away = await app.NewPageAsync();
        await away.OpenAsync("/counter");
        var token = await away.EvaluateAsync<string>("() => sessionStorage.getItem('lifespan.session-token')");
        Assert.Matches("^[A-Za-z0-9_-]{22,}$", token);

        await away.Context.SetOfflineAsync(true);
        await Expect(away.ByTestId("connection")).ToHaveAttributeAsync("data-state", "offline");

        // A second tab of the same session changes the state while the first is away.
        var other = await app.NewPageAsync();
        await other.Context.AddInitScriptAsync($"sessionStorage.setItem('lifespan.session-token', '{token}')");
        await other.OpenAsync("/counter");
        await other.ByTestId("max-counter").FillAsync("77");
        await other.ByTestId("max-counter").PressAsync("Enter");
        await other.ByTestId("max-counter").BlurAsync();
        await other.ReloadAsync();   // the server has it: a fresh hello shows it
        await Expect(other.ByTestId("max-counter")).ToHaveValueAsync("77");

        Assert.Equal("10", await away.ByTestId("max-counter").InputValueAsync());   // away: it missed the change

        await away.Context.SetOfflineAsync(false);
        await Expect(away.ByTestId("connection")).ToHaveAttributeAsync("data-state", "connected");
        await Expect(away.ByTestId("max-counter")).ToHaveValueAsync("77");
        Assert.Equal(token, await away.EvaluateAsync<string>("() => sessionStorage.getItem('lifespan.session-token')"));
        await other.Context.CloseAsync();
        await away.Context.CloseAsync();
    }
}
