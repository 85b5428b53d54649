using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Demo.Host.Tests.Browser;

/// <summary>Steps the page tests share.</summary>
internal static class PageExtensions
{
    public static ILocator ByTestId(this IPage page, string id) => page.Locator($"[data-testid={id}]");

    /// <summary>Opens <paramref name="path"/> and waits until its session socket is connected.</summary>
    public static async Task OpenAsync(this IPage page, string path)
    {
        await page.GotoAsync(path);
        await Expect(page.ByTestId("connection")).ToHaveAttributeAsync("data-state", "connected");
    }

    /// <summary>The integer shown by <c>[data-testid=<paramref name="id"/>]</c>.</summary>
    public static async Task<int> NumberAsync(this IPage page, string id) =>
        int.Parse((await page.ByTestId(id).TextContentAsync() ?? "").Trim(), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Waits until the number shown by <c>[data-testid=<paramref name="id"/>]</c> satisfies <paramref name="condition"/> (a JavaScript expression in <c>n</c>).</summary>
    public static Task WaitForNumberAsync(this IPage page, string id, string condition) =>
        page.WaitForFunctionAsync(
            $"() => {{ const e = document.querySelector('[data-testid={id}]'); if (!e) return false; const n = Number(e.textContent.trim()); return e.textContent.trim() !== '' && ({condition}); }}");
}
