using Lifespan.Actors.Configuration;
using Lifespan.Actors.TestKit;

namespace Lifespan.Actors.TestKit.Tests;

public sealed class AwaitingTests : TestKit
{
    [Fact]
    public async Task WithinAsync_fails_a_block_that_overruns()
    {
        var ex = await Assert.ThrowsAsync<TestKitException>(() => WithinAsync(TimeSpan.FromMilliseconds(50), async () =>
        {
            await Task.Delay(200);   // the overrun under test
        }));
        Assert.Contains("Expected the block to finish within", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Expectations_inside_WithinAsync_share_its_deadline()
    {
        var probe = CreateTestProbe();
        var ex = await Assert.ThrowsAsync<TestKitException>(() => probe.WithinAsync(TimeSpan.FromMilliseconds(300), async () =>
        {
            await probe.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100));
            await probe.ExpectMsgAsync<string>();   // no explicit timeout: only what is left of the 300 ms
        }));
        var waited = TimeSpan.Parse(ex.Message.Split("within ")[1].Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(waited <= TimeSpan.FromMilliseconds(300), ex.Message);   // not the 3 s default
    }

    [Fact]
    public async Task Nested_WithinAsync_blocks_cannot_extend_the_outer_deadline()
    {
        var probe = CreateTestProbe();
        var ex = await Assert.ThrowsAsync<TestKitException>(() => probe.WithinAsync(TimeSpan.FromMilliseconds(200), () =>
            probe.WithinAsync(TimeSpan.FromSeconds(30), () => probe.ExpectMsgAsync<int>())));
        var waited = TimeSpan.Parse(ex.Message.Split("within ")[1].Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(waited <= TimeSpan.FromMilliseconds(200), ex.Message);
    }

    [Fact]
    public async Task A_block_that_ends_expecting_no_message_may_use_up_all_its_time()
    {
        var probe = CreateTestProbe();
        await probe.WithinAsync(TimeSpan.FromMilliseconds(100), () => probe.ExpectNoMsgAsync(TimeSpan.FromSeconds(1)));
        await probe.WithinAsync(TimeSpan.FromMilliseconds(100), () =>
            probe.WithinAsync(TimeSpan.FromSeconds(1), () => probe.ExpectNoMsgAsync(TimeSpan.FromSeconds(1))));
    }

    [Fact]
    public async Task A_block_that_receives_after_expecting_no_message_is_still_held_to_its_time()
    {
        var probe = CreateTestProbe();
        var ex = await Assert.ThrowsAsync<TestKitException>(() => probe.WithinAsync(TimeSpan.FromMilliseconds(50), async () =>
        {
            await probe.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(10));
            await probe.TryReceiveAsync(TimeSpan.FromMilliseconds(10));
            await Task.Delay(100);   // the overrun under test
        }));
        Assert.Contains("Expected the block to finish within", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AwaitAssertAsync_retries_until_the_assertion_holds()
    {
        var attempts = 0;
        await AwaitAssertAsync(() => Assert.True(++attempts >= 3));
        Assert.Equal(3, attempts);
    }

    [Fact]
    public async Task AwaitAssertAsync_awaits_an_async_assertion_instead_of_firing_and_forgetting_it()
    {
        var attempts = 0;
        await AwaitAssertAsync(async () =>
        {
            await Task.Yield();
            Assert.True(++attempts >= 3);
        });
        Assert.Equal(3, attempts);
    }

    [Fact]
    public async Task AwaitConditionAsync_awaits_an_async_condition()
    {
        var checks = 0;
        await AwaitConditionAsync(async () =>
        {
            await Task.Yield();
            return ++checks >= 3;
        });
        Assert.Equal(3, checks);
    }

    [Fact]
    public async Task AwaitAssertAsync_fails_with_the_last_assertion_message()
    {
        var ex = await Assert.ThrowsAsync<TestKitException>(() =>
            AwaitAssertAsync(() => Assert.Equal(1, 2), TimeSpan.FromMilliseconds(100)));
        Assert.Contains("still failed after", ex.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<Xunit.Sdk.XunitException>(ex.InnerException);
    }

    [Fact]
    public async Task AwaitConditionAsync_waits_for_the_condition_or_fails_naming_it()
    {
        var flag = false;
        _ = Task.Run(async () => { await Task.Yield(); Volatile.Write(ref flag, true); });
        await AwaitConditionAsync(() => Volatile.Read(ref flag));

        var ex = await Assert.ThrowsAsync<TestKitException>(() => AwaitConditionAsync(() => false, TimeSpan.FromMilliseconds(50), "never true"));
        Assert.Contains("(never true) was not met", ex.Message, StringComparison.Ordinal);
    }
}

public sealed class TimeFactorTests : TestKit
{
    public TimeFactorTests() : base(options: new TestKitOptions { TimeFactor = 3, DefaultTimeout = TimeSpan.FromMilliseconds(40) })
    {
    }

    [Fact]
    public void Dilated_multiplies_by_the_time_factor() =>
        Assert.Equal(TimeSpan.FromSeconds(3), Dilated(TimeSpan.FromSeconds(1)));

    [Fact]
    public async Task Default_timeouts_are_dilated()
    {
        var ex = await Assert.ThrowsAsync<TestKitException>(() => ExpectMsgAsync<int>());
        Assert.Contains("within 00:00:00.12", ex.Message, StringComparison.Ordinal);
    }
}

public sealed class TestKitOptionsTests
{
    [Fact]
    public void Options_bind_from_the_lifespan_test_section()
    {
        var configuration = new Microsoft.Extensions.Configuration.ConfigurationBuilder()
            .AddHoconString("lifespan.test { time-factor = 2.5, default-timeout = 750ms }")
            .Build();
        var options = TestKitOptions.FromConfiguration(configuration);
        Assert.Equal(TimeSpan.FromMilliseconds(750), options.DefaultTimeout);
        if (Environment.GetEnvironmentVariable(TestKitOptions.TimeFactorVariable) is null)
        {
            Assert.Equal(2.5, options.TimeFactor);
        }
    }
}

public sealed class TestKitOptionsValidationTests
{
    private static bool TimeFactorVariableIsSet => Environment.GetEnvironmentVariable(TestKitOptions.TimeFactorVariable) is not null;

    [Theory]
    [InlineData("time-factor = 0", "lifespan.test.time-factor must be a positive number (it is 0)")]
    [InlineData("time-factor = -2", "lifespan.test.time-factor must be a positive number (it is -2)")]
    [InlineData("default-timeout = 0s", "lifespan.test.default-timeout must be positive (it is 00:00:00)")]
    [InlineData("default-timeout = -1s", "lifespan.test.default-timeout must be positive (it is -00:00:01)")]
    public void Out_of_range_test_settings_fail_naming_the_setting(string setting, string message)
    {
        if (setting.StartsWith("time-factor", StringComparison.Ordinal) && TimeFactorVariableIsSet)
        {
            return;   // the variable wins over the setting
        }

        var configuration = new Microsoft.Extensions.Configuration.ConfigurationBuilder().AddHoconString($"lifespan.test.{setting}").Build();
        var ex = Assert.ThrowsAny<ArgumentException>(() => TestKitOptions.FromConfiguration(configuration));
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("2,5")]
    [InlineData("slow")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    public void A_malformed_time_factor_variable_fails_naming_the_variable(string value)
    {
        var ex = Assert.Throws<InvalidOperationException>(() => TestKitOptions.ParseTimeFactor(value));
        Assert.Contains($"{TestKitOptions.TimeFactorVariable} is '{value}'", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, 1.0)]
    [InlineData("", 1.0)]
    [InlineData("2.5", 2.5)]
    [InlineData(" 3 ", 3.0)]
    public void The_time_factor_variable_is_read_with_the_invariant_culture(string? value, double factor) =>
        Assert.Equal(factor, TestKitOptions.ParseTimeFactor(value));
}

public sealed class LifetimeTests
{
    private sealed class Kit : TestKit
    {
        public ActorSystem System => Sys;
    }

    [Fact]
    public async Task Each_test_gets_its_own_system_which_is_terminated_afterwards()
    {
        var first = new Kit();
        var second = new Kit();
        Assert.NotSame(first.System, second.System);
        await first.InitializeAsync();
        await first.DisposeAsync();
        Assert.True(first.System.IsTerminated);
        Assert.False(second.System.IsTerminated);
        await second.DisposeAsync();
    }
}
