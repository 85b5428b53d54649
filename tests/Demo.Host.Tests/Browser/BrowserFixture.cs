using Microsoft.Playwright;

namespace Demo.Host.Tests.Browser;

/// <summary>
/// One Demo.Host process and one Chromium for every browser test, started on first use (so a run that skips the
/// browser tests starts neither). Each test opens its own browser context, so each gets new sessions.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private DemoHostProcess? _app;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>The demo app's address, for example <c>http://127.0.0.1:41234</c>.</summary>
    public Uri Address => _app?.Address ?? throw new InvalidOperationException("Call NewPageAsync first: the app starts on first use.");

    /// <summary>What the demo app printed so far, for failure messages.</summary>
    public string Output => _app?.Output ?? "";

    /// <summary>A page in a new browser context (new sessionStorage, so a new session), with the app's address as base URL.</summary>
    public async Task<IPage> NewPageAsync()
    {
        var browser = await StartAsync();
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Address.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 860 },
        });
        context.SetDefaultTimeout(30_000);
        return await context.NewPageAsync();
    }

    /// <summary>Nothing to do: the app and the browser start on first use.</summary>
    public Task InitializeAsync() => Task.CompletedTask;

    /// <summary>Closes the browser and stops the app.</summary>
    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        _gate.Dispose();
    }

    private async Task<IBrowser> StartAsync()
    {
        await _gate.WaitAsync(StartTimeout);
        try
        {
            if (_browser is not null)
            {
                return _browser;
            }

            _app ??= DemoHostProcess.Start(new Dictionary<string, string>
            {
                ["demo__counter-step"] = "200ms",   // the seed's 0.5 s sleep, shortened so the tests see the counter move quickly
                ["demo__posts-delay"] = "150ms",
            });
            await _app.WaitForOutputAsync("Now listening on:", StartTimeout);
            _playwright = await Playwright.CreateAsync();
            _browser = await Chromium.LaunchAsync(_playwright);
            return _browser;
        }
        finally
        {
            _gate.Release();
        }
    }
}

/// <summary>The browser tests share one app and one browser and run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
