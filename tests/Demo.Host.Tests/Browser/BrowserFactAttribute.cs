namespace Demo.Host.Tests.Browser;

/// <summary>A test that drives Chromium: skipped with the reason when Chromium is missing, unless CI requires it.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (Chromium.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}
