using Lifespan.Actors.Configuration;

namespace Lifespan.Actors.Tests.Configuration;

public sealed class HoconMergeTests
{
    private static IReadOnlyDictionary<string, string?> Parse(string hocon) => HoconDocument.Parse(hocon);

    [Fact]
    public void Repeated_objects_merge_field_by_field()
    {
        var data = Parse("""
            db { host = a, port = 1, pool { min = 1, max = 5 } }
            db { port = 2, pool { max = 10 } }
            """);
        Assert.Equal("a", data["db:host"]);
        Assert.Equal("2", data["db:port"]);
        Assert.Equal("1", data["db:pool:min"]);
        Assert.Equal("10", data["db:pool:max"]);
    }

    [Fact]
    public void Dotted_keys_merge_into_existing_objects()
    {
        var data = Parse("a { x = 1 }\na.y = 2\na.x = 3");
        Assert.Equal("3", data["a:x"]);
        Assert.Equal("2", data["a:y"]);
    }

    [Fact]
    public void A_later_non_object_value_replaces_an_object_and_vice_versa()
    {
        var data = Parse("a { x = 1 }\na = 5\nb = 5\nb { y = 2 }");
        Assert.Equal("5", data["a"]);
        Assert.False(data.ContainsKey("a:x"));
        Assert.Equal("2", data["b:y"]);
        Assert.False(data.ContainsKey("b"));
    }

    [Fact]
    public void Null_in_between_prevents_the_merge()
    {
        var data = Parse("foo { a = 42 }\nfoo = null\nfoo { b = 43 }");
        Assert.False(data.ContainsKey("foo:a"));
        Assert.Equal("43", data["foo:b"]);
    }

    [Fact]
    public void Later_arrays_replace_earlier_arrays()
    {
        var data = Parse("a = [1, 2, 3]\na = [4]");
        Assert.Equal("4", data["a:0"]);
        Assert.False(data.ContainsKey("a:1"));
    }

    [Fact]
    public void Plus_equals_appends_to_an_array()
    {
        var data = Parse("a = [1]\na += 2\na += [3, 4]\nb += x");
        Assert.Equal("1", data["a:0"]);
        Assert.Equal("2", data["a:1"]);
        Assert.Equal("3", data["a:2:0"]);
        Assert.Equal("4", data["a:2:1"]);
        Assert.Equal("x", data["b:0"]);
    }

    [Fact]
    public void Plus_equals_works_inside_nested_objects()
    {
        var data = Parse("app { plugins = [core] }\napp { plugins += metrics }\napp.plugins += tracing");
        Assert.Equal("core", data["app:plugins:0"]);
        Assert.Equal("metrics", data["app:plugins:1"]);
        Assert.Equal("tracing", data["app:plugins:2"]);
    }

    [Fact]
    public void Plus_equals_on_a_non_array_is_an_error()
    {
        var ex = Assert.Throws<HoconParseException>(() => Parse("a = text\na += 1"));
        Assert.Contains("cannot concatenate a string with an array", ex.Message, StringComparison.Ordinal);
    }
}
