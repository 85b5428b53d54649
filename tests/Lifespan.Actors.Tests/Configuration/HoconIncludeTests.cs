using Lifespan.Actors.Configuration;

namespace Lifespan.Actors.Tests.Configuration;

public sealed class HoconIncludeTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Included_fields_merge_where_the_include_appears()
    {
        _dir.Write("defaults.conf", "a = 1\nb { x = 1, y = 1 }");
        var app = _dir.Write("app.conf", "a = 0\ninclude \"defaults.conf\"\nb { y = 2 }");
        var data = HoconDocument.Load(app);
        Assert.Equal("1", data["a"]);
        Assert.Equal("1", data["b:x"]);
        Assert.Equal("2", data["b:y"]);
    }

    [Fact]
    public void All_include_forms_resolve_relative_to_the_including_file()
    {
        _dir.Write("conf/one.conf", "one = 1\ninclude \"sub/two.conf\"");
        _dir.Write("conf/sub/two.conf", "two = 2\ninclude file(\"../three.conf\")");
        _dir.Write("conf/three.conf", "three = 3");
        _dir.Write("conf/four.conf", "four = 4");
        var app = _dir.Write("conf/app.conf", "include \"one.conf\"\ninclude file(\"four.conf\")\ninclude required( file( \"three.conf\" ) )");
        var data = HoconDocument.Load(app);
        Assert.Equal("1", data["one"]);
        Assert.Equal("2", data["two"]);
        Assert.Equal("3", data["three"]);
        Assert.Equal("4", data["four"]);
    }

    [Fact]
    public void An_include_inside_an_object_nests_the_fields_and_fixes_up_substitutions()
    {
        _dir.Write("db.conf", "host = localhost\nurl = \"db://\"${host}\nname = ${app-name}");
        var app = _dir.Write("app.conf", "app-name = shop\ndatabase { include \"db.conf\" }\ndatabase.host = prod");
        var data = HoconDocument.Load(app);
        Assert.Equal("prod", data["database:host"]);
        Assert.Equal("db://prod", data["database:url"]);
        Assert.Equal("shop", data["database:name"]);
    }

    [Fact]
    public void A_missing_include_is_ignored_but_a_missing_required_include_is_an_error()
    {
        var optional = _dir.Write("optional.conf", "include \"nope.conf\"\na = 1");
        Assert.Equal("1", HoconDocument.Load(optional)["a"]);

        var required = _dir.Write("required.conf", "a = 1\ninclude required(\"nope.conf\")");
        var ex = Assert.Throws<HoconParseException>(() => HoconDocument.Load(required));
        Assert.Contains("nope.conf", ex.Message, StringComparison.Ordinal);
        Assert.Equal((2, 1), (ex.Line, ex.Column));
        Assert.Equal(required, ex.FileName);
    }

    [Fact]
    public void Include_cycles_are_detected()
    {
        _dir.Write("a.conf", "a = 1\ninclude \"b.conf\"");
        _dir.Write("b.conf", "b = 1\ninclude \"a.conf\"");
        var ex = Assert.Throws<HoconParseException>(() => HoconDocument.Load(Path.Combine(_dir.Path, "a.conf")));
        Assert.Contains("include cycle", ex.Message, StringComparison.Ordinal);
        Assert.EndsWith("b.conf", ex.FileName, StringComparison.Ordinal);
    }

    [Fact]
    public void Errors_in_an_included_file_name_that_file()
    {
        var bad = _dir.Write("bad.conf", "ok = 1\nbroken = {");
        var app = _dir.Write("app.conf", "include \"bad.conf\"");
        var ex = Assert.Throws<HoconParseException>(() => HoconDocument.Load(app));
        Assert.Equal(bad, ex.FileName);
        Assert.Equal(2, ex.Line);
    }

    [Fact]
    public void A_name_without_extension_includes_json_and_conf()
    {
        _dir.Write("base.json", """{ "a": 1, "b": 1 }""");
        _dir.Write("base.conf", "b = 2");
        var app = _dir.Write("app.conf", "include \"base\"");
        var data = HoconDocument.Load(app);
        Assert.Equal("1", data["a"]);
        Assert.Equal("2", data["b"]);
    }

    [Fact]
    public void Unsupported_include_kinds_are_errors()
    {
        var ex = Assert.Throws<HoconParseException>(() => HoconDocument.Parse("include url(\"http://example.org/x.conf\")"));
        Assert.Contains("not supported", ex.Message, StringComparison.Ordinal);
        Assert.Throws<HoconParseException>(() => HoconDocument.Parse("include classpath(\"x.conf\")"));
        Assert.Throws<HoconParseException>(() => HoconDocument.Parse("include x.conf"));
        Assert.Throws<HoconParseException>(() => HoconDocument.Parse("include = 1"));
    }

    [Fact]
    public void Including_a_java_properties_file_is_an_error_saying_it_is_not_supported()
    {
        _dir.Write("x.properties", "a.b=1\nname value");
        var app = _dir.Write("app.conf", "a = 1\ninclude \"x.properties\"");
        var ex = Assert.Throws<HoconParseException>(() => HoconDocument.Load(app));
        Assert.Equal(
            $"{app}(2,1): cannot include 'x.properties': Java .properties files are not supported; include a HOCON (.conf) or JSON (.json) file",
            ex.Message);

        // Whether or not the file exists, in every include form.
        foreach (var include in new[] { "include \"missing.properties\"", "include file(\"x.PROPERTIES\")", "include required(file(\"missing.properties\"))" })
        {
            var error = Assert.Throws<HoconParseException>(() => HoconDocument.Load(_dir.Write("other.conf", include)));
            Assert.Contains(".properties files are not supported", error.Message, StringComparison.Ordinal);
            Assert.Equal((1, 1), (error.Line, error.Column));
        }
    }

    [Fact]
    public void An_included_file_must_not_have_an_array_root()
    {
        _dir.Write("list.conf", "[1, 2]");
        var app = _dir.Write("app.conf", "include \"list.conf\"");
        var ex = Assert.Throws<HoconParseException>(() => HoconDocument.Load(app));
        Assert.Contains("must be an object", ex.Message, StringComparison.Ordinal);
    }
}
