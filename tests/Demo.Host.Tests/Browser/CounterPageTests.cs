using static Microsoft.Playwright.Assertions;

namespace Demo.Host.Tests.Browser;

/// <summary>Seed 002 in the browser: a background task counts while the page stays usable.</summary>
[Collection(BrowserCollection.Name)]
public sealed class CounterPageTests(BrowserFixture app)
{
    [BrowserFact]
    public async Task Start_counts_up_Reset_works_while_it_runs_Stop_stops_and_a_reload_brings_the_state_back()
    {
        var page = await app.NewPageAsync();
        await page.OpenAsync("/counter");
        await Expect(page.ByTestId("counter")).ToHaveTextAsync("0");

        await page.ByTestId("max-counter").FillAsync("1000");
        await page.ByTestId("max-counter").PressAsync("Enter");
        await page.ByTestId("max-counter").BlurAsync();
        await Expect(page.ByTestId("toggle")).ToHaveTextAsync("Start");
        await page.ByTestId("toggle").ClickAsync();
        await Expect(page.ByTestId("toggle")).ToHaveTextAsync("Stop");

        await page.WaitForNumberAsync("counter", "n >= 4");
        await Screenshots.SaveAsync(page, "counter");
        var beforeReset = await page.NumberAsync("counter");
        await page.ByTestId("reset").ClickAsync();
        await page.WaitForNumberAsync("counter", $"n < {beforeReset}");   // the click went through while the task ran
        await page.WaitForNumberAsync("counter", "n >= 2");                 // and the task kept counting from zero

        await page.ByTestId("toggle").ClickAsync();
        await Expect(page.ByTestId("toggle")).ToHaveTextAsync("Start");
        var stoppedAt = await page.NumberAsync("counter");

        await page.ReloadAsync();
        await Expect(page.ByTestId("connection")).ToHaveAttributeAsync("data-state", "connected");
        await Expect(page.ByTestId("counter")).ToHaveTextAsync(stoppedAt.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Expect(page.ByTestId("max-counter")).ToHaveValueAsync("1000");
        await Expect(page.ByTestId("toggle")).ToHaveTextAsync("Start");
        await page.Context.CloseAsync();
    }
}
