using Lifespan.Actors.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.FileProviders;

namespace Lifespan.Actors.Tests.Configuration;

public sealed class HoconConfigurationProviderTests : IDisposable
{
    private const string Hocon = """
        lifespan {
          shutdown.phases.service-stop.timeout = 5s
          mailbox { capacity = 1000, max-message-size = 512k }
          name = "primary"
          verbose = on
          enabled = true
          tags = [blue, green]
        }
        """;

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    public sealed class MailboxOptions
    {
        public int Capacity { get; set; }

        // HOCON's kebab-case keys bind to PascalCase properties only through an explicit key name.
        [ConfigurationKeyName("max-message-size")]
        public string? MaxMessageSize { get; set; }
    }

    public sealed class LifespanOptions
    {
        public string? Name { get; set; }

        public bool Enabled { get; set; }

        public MailboxOptions Mailbox { get; set; } = new();

        public List<string> Tags { get; set; } = [];
    }

    [Fact]
    public void Keys_are_paths_joined_with_colons()
    {
        var config = new ConfigurationBuilder().AddHoconString(Hocon).Build();
        Assert.Equal("5s", config["lifespan:shutdown:phases:service-stop:timeout"]);
        Assert.Equal("5s", config["LIFESPAN:Shutdown:Phases:Service-Stop:Timeout"]);
        Assert.Equal("green", config["lifespan:tags:1"]);
        Assert.Equal("on", config["lifespan:verbose"]);
        Assert.Equal("true", config["lifespan:enabled"]);
        Assert.Equal(TimeSpan.FromSeconds(5), config.GetSection("lifespan:shutdown:phases:service-stop").GetDuration("timeout", TimeSpan.Zero));
    }

    [Fact]
    public void Later_sources_override_earlier_ones_like_json()
    {
        var config = new ConfigurationBuilder()
            .AddHoconString(Hocon)
            .AddInMemoryCollection(new Dictionary<string, string?> { ["lifespan:name"] = "override" })
            .AddHoconString("lifespan.mailbox.capacity = 5")
            .Build();
        Assert.Equal("override", config["lifespan:name"]);
        Assert.Equal("5", config["lifespan:mailbox:capacity"]);
        Assert.Equal("512k", config["lifespan:mailbox:max-message-size"]);

        var reversed = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["lifespan:name"] = "override" })
            .AddHoconString(Hocon)
            .Build();
        Assert.Equal("primary", reversed["lifespan:name"]);
    }

    [Fact]
    public void Binds_an_options_class()
    {
        var options = new ConfigurationBuilder().AddHoconString(Hocon).Build().GetSection("lifespan").Get<LifespanOptions>();
        Assert.NotNull(options);
        Assert.Equal("primary", options.Name);
        Assert.True(options.Enabled);
        Assert.Equal(1000, options.Mailbox.Capacity);
        Assert.Equal(512 * 1024, HoconSize.Parse(options.Mailbox.MaxMessageSize!));
        Assert.Equal(["blue", "green"], options.Tags);
    }

    [Fact]
    public void Get_duration_and_get_size_fall_back_to_defaults_and_name_the_key_of_a_bad_value()
    {
        var config = new ConfigurationBuilder().AddHoconString("a { timeout = 2 minutes, size = 10MB, bad = soon, huge = lots }").Build();
        Assert.Equal(TimeSpan.FromMinutes(2), config.GetDuration("a:timeout", TimeSpan.Zero));
        Assert.Equal(TimeSpan.FromSeconds(1), config.GetDuration("a:missing", TimeSpan.FromSeconds(1)));
        Assert.Equal(10_000_000, config.GetSize("a:size", 0));
        Assert.Equal(42, config.GetSize("a:missing", 42));

        var duration = Assert.Throws<FormatException>(() => config.GetSection("a").GetDuration("bad", TimeSpan.Zero));
        Assert.Contains("'a:bad'", duration.Message, StringComparison.Ordinal);
        Assert.Contains("'soon'", duration.Message, StringComparison.Ordinal);
        var size = Assert.Throws<FormatException>(() => config.GetSize("a:huge", 0));
        Assert.Contains("'a:huge'", size.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Get_boolean_reads_every_hocon_spelling_and_names_the_key_of_a_bad_value()
    {
        var config = new ConfigurationBuilder().AddHoconString("b { t1 = true, t2 = on, t3 = YES, f1 = false, f2 = off, f3 = no, bad = maybe }").Build();
        Assert.All(["t1", "t2", "t3"], key => Assert.True(config.GetSection("b").GetBoolean(key, false)));
        Assert.All(["f1", "f2", "f3"], key => Assert.False(config.GetSection("b").GetBoolean(key, true)));
        Assert.True(config.GetBoolean("b:missing", true));

        var error = Assert.Throws<FormatException>(() => config.GetSection("b").GetBoolean("bad", false));
        Assert.Contains("'b:bad'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'maybe'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Add_hocon_file_reads_the_file_and_its_includes()
    {
        _dir.Write("shared/defaults.conf", "pool { size = 4, name = default }");
        var path = _dir.Write("app.conf", "include \"shared/defaults.conf\"\npool.size = 8");
        var config = new ConfigurationBuilder().AddHoconFile(path).Build();
        Assert.Equal("8", config["pool:size"]);
        Assert.Equal("default", config["pool:name"]);
    }

    [Fact]
    public void Add_hocon_file_with_a_file_provider_resolves_relative_paths_against_it()
    {
        _dir.Write("conf/base.conf", "x = 1");
        _dir.Write("conf/app.conf", "include \"base.conf\"\ny = ${x}");
        using var provider = new PhysicalFileProvider(_dir.Path);
        var config = new ConfigurationBuilder().AddHoconFile(provider, "conf/app.conf", optional: false, reloadOnChange: false).Build();
        Assert.Equal("1", config["x"]);
        Assert.Equal("1", config["y"]);

        var viaBasePath = new ConfigurationBuilder().SetBasePath(_dir.Path).AddHoconFile("conf/app.conf").Build();
        Assert.Equal("1", viaBasePath["y"]);
    }

    [Fact]
    public void Includes_of_a_file_without_a_physical_path_go_through_its_provider()
    {
        var provider = new InMemoryFileProvider(new Dictionary<string, string>
        {
            ["conf/app.conf"] = "include \"base.conf\"\ninclude required(\"../shared/common.conf\")\nname = app",
            ["conf/base.conf"] = "name = base\nlevel = 1",
            ["shared/common.conf"] = "common = true",
        });
        var config = new ConfigurationBuilder()
            .AddHoconFile(source =>
            {
                source.FileProvider = provider;
                source.Path = "conf/app.conf";
            })
            .Build();
        Assert.Equal("app", config["name"]);
        Assert.Equal("1", config["level"]);
        Assert.Equal("true", config["common"]);
    }

    [Fact]
    public void A_missing_optional_file_is_fine_but_a_missing_required_file_throws()
    {
        var missing = Path.Combine(_dir.Path, "missing.conf");
        var config = new ConfigurationBuilder().AddHoconFile(missing, optional: true).Build();
        Assert.Empty(config.AsEnumerable());
        Assert.Throws<FileNotFoundException>(() => new ConfigurationBuilder().AddHoconFile(missing).Build());
    }

    [Fact]
    public void A_malformed_file_fails_with_the_parse_error_inside()
    {
        var path = _dir.Write("bad.conf", "a {\n  b = 1\n");
        var ex = Assert.Throws<InvalidDataException>(() => new ConfigurationBuilder().AddHoconFile(path).Build());
        var inner = Assert.IsType<HoconParseException>(ex.InnerException);
        Assert.Equal(path, inner.FileName);
        Assert.Equal(3, inner.Line);
    }

    [Fact]
    public void Add_hocon_stream_reads_the_stream()
    {
        using var stream = new MemoryStream("a.b = [1, 2]"u8.ToArray());
        var config = new ConfigurationBuilder().AddHoconStream(stream).Build();
        Assert.Equal("2", config["a:b:1"]);
    }

    [Fact]
    public void Add_hocon_string_rejects_malformed_text_when_built()
    {
        var builder = new ConfigurationBuilder().AddHoconString("a = [");
        Assert.Throws<HoconParseException>(() => builder.Build());
    }

    [Fact]
    public void Null_values_are_null_in_configuration()
    {
        var config = new ConfigurationBuilder().AddHoconString("a = null\nb = x").Build();
        Assert.Null(config["a"]);
        Assert.Contains(config.AsEnumerable(), pair => pair.Key == "a" && pair.Value is null);
    }

    [Fact]
    public void Reload_parses_the_file_again()
    {
        var path = _dir.Write("app.conf", "a = 1");
        var config = new ConfigurationBuilder().AddHoconFile(path, optional: false, reloadOnChange: false).Build();
        File.WriteAllText(path, "a = 2");
        config.Reload();
        Assert.Equal("2", config["a"]);
    }
}
