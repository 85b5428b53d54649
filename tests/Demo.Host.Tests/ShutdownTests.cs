namespace Demo.Host.Tests;

public sealed class ShutdownTests
{
    private const int SIGINT = 2;
    private const int SIGTERM = 15;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData(SIGTERM)]
    [InlineData(SIGINT)]
    public async Task Demo_host_terminates_the_actor_system_and_exits_cleanly_on_a_signal(int signal)
    {
        await using var host = DemoHostProcess.Start();
        await host.WaitForOutputAsync("Actor system demo started", StartTimeout);
        await host.WaitForOutputAsync("Application started", StartTimeout);

        host.Signal(signal);

        Assert.Equal(0, await host.WaitForExitAsync(StopTimeout));
        Assert.Contains("Actor system demo terminated", host.Output, StringComparison.Ordinal);
        Assert.True(
            host.Output.IndexOf("Application is shutting down", StringComparison.Ordinal) <
            host.Output.IndexOf("Actor system demo terminated", StringComparison.Ordinal),
            host.Output);
    }
}
