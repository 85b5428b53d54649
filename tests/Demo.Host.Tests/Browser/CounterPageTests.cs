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

    [BrowserFact]
    public async Task Plus_one_and_the_background_task_change_the_same_counter()
    {
        var page = await app.NewPageAsync();
        await page.OpenAsync("/counter");
        await Expect(page.ByTestId("counter")).ToHaveTextAsync("0");

        await page.ByTestId("increment").ClickAsync();
        await Expect(page.ByTestId("counter")).ToHaveTextAsync("1");
        await page.ByTestId("increment").ClickAsync();
        await Expect(page.ByTestId("counter")).ToHaveTextAsync("2");

        await page.ByTestId("max-counter").FillAsync("5");
        await page.ByTestId("max-counter").PressAsync("Enter");
        await page.ByTestId("max-counter").BlurAsync();
        await page.ByTestId("toggle").ClickAsync();

        // The task counts on from what +1 left (3, 4, 5) and stops at the maximum.
        await Expect(page.ByTestId("counter")).ToHaveTextAsync("5");
        await Expect(page.Locator("#counter-status")).ToHaveTextAsync("Done: the counter reached the maximum.");
        await Expect(page.ByTestId("toggle")).ToHaveTextAsync("Start");

        await page.ByTestId("increment").ClickAsync();   // and +1 goes on from what the task left
        await Expect(page.ByTestId("counter")).ToHaveTextAsync("6");
        await page.Context.CloseAsync();
    }
}
