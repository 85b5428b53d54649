namespace Demo.Host.Tests.Browser;

/// <summary>Every page loads cleanly: no request the browser makes fails, and nothing is logged as an error.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PageLoadTests(BrowserFixture app)
{
    [BrowserFact]
    public async Task Every_page_loads_with_its_icon_and_no_failed_request_or_console_error()
    {
        var page = await app.NewPageAsync();
        var problems = new List<string>();
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                lock (problems)
                {
                    problems.Add($"{response.Status} {response.Url}");
                }
            }
        };
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                lock (problems)
                {
                    problems.Add($"console error: {message.Text}");
                }
            }
        };

        foreach (var path in new[] { "/", "/counter", "/posts", "/lifespan", "/actors" })
        {
            await page.OpenAsync(path);
            var icon = await page.EvaluateAsync<string>("() => document.querySelector('link[rel=icon]')?.href ?? ''");
            Assert.True(icon.Length > 0, $"{path} has no <link rel=\"icon\">");
            Assert.Equal(200, (await page.APIRequest.GetAsync(icon)).Status);
        }

        // A browser asks for /favicon.ico itself where a page names no icon (a JSON endpoint opened in a tab).
        var ico = await page.APIRequest.GetAsync("/favicon.ico");
        Assert.Equal(200, ico.Status);
        Assert.StartsWith("image/", ico.Headers["content-type"], StringComparison.Ordinal);
        await page.Context.CloseAsync();

        lock (problems)
        {
            Assert.True(problems.Count == 0, string.Join("\n", problems));
        }
    }
}
