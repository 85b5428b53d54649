using static Microsoft.Playwright.Assertions;

namespace Demo.Host.Tests.Browser;

/// <summary>The lifespan page: the seed tasks' live tables, the poller's ticks and the model behind /predict.</summary>
[Collection(BrowserCollection.Name)]
public sealed class LifespanPageTests(BrowserFixture app)
{
    [BrowserFact]
    public async Task The_page_shows_the_lifespan_tasks_ticks_predictions_and_running_background_tasks()
    {
        var counter = await app.NewPageAsync();
        await counter.OpenAsync("/counter");
        await counter.ByTestId("max-counter").FillAsync("1000");
        await counter.ByTestId("max-counter").PressAsync("Enter");
        await counter.ByTestId("toggle").ClickAsync();
        await Expect(counter.ByTestId("toggle")).ToHaveTextAsync("Stop");

        var page = await app.NewPageAsync();
        await page.OpenAsync("/lifespan");
        var tasks = page.ByTestId("lifespan-tasks").Locator("tbody tr");
        await Expect(tasks.Filter(new() { HasText = "long-running-task" })).ToHaveCountAsync(1);
        await Expect(tasks.Filter(new() { HasText = "setup-model" })).ToHaveCountAsync(1);
        await Expect(page.ByTestId("ticks").Locator("li").First).ToContainTextAsync("foo=42");
        await Expect(page.ByTestId("background-tasks").Locator("tbody tr").Filter(new() { HasText = "MyTask" })).Not.ToHaveCountAsync(0);

        await page.ByTestId("predict-x").FillAsync("2");
        await page.ByTestId("predict").ClickAsync();
        await Expect(page.ByTestId("predict-result")).ToHaveTextAsync("84");
        await Screenshots.SaveAsync(page, "lifespan");

        await counter.ByTestId("toggle").ClickAsync();
        await Expect(counter.ByTestId("toggle")).ToHaveTextAsync("Start");
        await Expect(page.ByTestId("background-tasks").Locator("tbody tr").Filter(new() { HasText = "MyTask" })).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
        await counter.Context.CloseAsync();
    }
}
