using Lifespan.Actors.Configuration;

namespace Lifespan.Actors.Tests.Configuration;

public sealed class HoconSyntaxTests
{
    private static IReadOnlyDictionary<string, string?> Parse(string hocon) => HoconDocument.Parse(hocon);

    [Fact]
    public void Root_braces_are_optional_and_both_separators_work()
    {
        var braced = Parse("{ a = 1, b : 2 }");
        var bare = Parse("a = 1\nb : 2");
        Assert.Equal(new Dictionary<string, string?> { ["a"] = "1", ["b"] = "2" }, braced);
        Assert.Equal(braced, bare);
    }

    [Fact]
    public void An_object_value_needs_no_separator()
    {
        var data = Parse("server { host = localhost, port = 8080 }");
        Assert.Equal("localhost", data["server:host"]);
        Assert.Equal("8080", data["server:port"]);
    }

    [Fact]
    public void Dotted_keys_are_nested_objects()
    {
        var dotted = Parse("lifespan.shutdown.phases.service-stop.timeout = 5s");
        var nested = Parse("lifespan { shutdown { phases { service-stop { timeout = 5s } } } }");
        Assert.Equal("5s", dotted["lifespan:shutdown:phases:service-stop:timeout"]);
        Assert.Equal(nested, dotted);
    }

    [Fact]
    public void Quoted_keys_keep_dots_and_may_be_empty()
    {
        var data = Parse("\"a.b\".c = 1\na.\"\".d = 2\n\"with space\" = 3");
        Assert.Equal("1", data["a.b:c"]);
        Assert.Equal("2", data["a::d"]);
        Assert.Equal("3", data["with space"]);
    }

    [Fact]
    public void Keys_keep_inner_whitespace_and_become_strings()
    {
        var data = Parse("a b c : 42\ntrue : 1\n3.14 : 2\nfoo include : 3");
        Assert.Equal("42", data["a b c"]);
        Assert.Equal("1", data["true"]);
        Assert.Equal("2", data["3:14"]);
        Assert.Equal("3", data["foo include"]);
    }

    [Fact]
    public void Comments_are_ignored_outside_quotes()
    {
        var data = Parse("""
            # a comment
            a = 1 // trailing comment
            b = "# not a comment" # but this is
            c = "// not a comment either"
            """);
        Assert.Equal("1", data["a"]);
        Assert.Equal("# not a comment", data["b"]);
        Assert.Equal("// not a comment either", data["c"]);
    }

    [Fact]
    public void Quoted_strings_support_json_escapes()
    {
        var data = Parse("""a = "tab\there \"quoted\" back\\slash \/ \u00e9 line\nnext" """);
        Assert.Equal("tab\there \"quoted\" back\\slash / \u00e9 line\nnext", data["a"]);
    }

    [Fact]
    public void Triple_quoted_strings_span_lines_without_escapes()
    {
        var data = Parse("a = \"\"\"first \\n\n  \"second\"\"\"\"\nb = 1");
        Assert.Equal("first \\n\n  \"second\"", data["a"]);
        Assert.Equal("1", data["b"]);
    }

    [Fact]
    public void Scalars_keep_their_written_form()
    {
        var data = Parse("""
            int = 42
            negative = -7
            float = 1.50
            exponent = 1e5
            yes = true
            no = false
            word = yes
            nothing = null
            quotedNull = "null"
            unquoted = some.host-name_1
            version = 10.0.1
            """);
        Assert.Equal("42", data["int"]);
        Assert.Equal("-7", data["negative"]);
        Assert.Equal("1.50", data["float"]);
        Assert.Equal("1e5", data["exponent"]);
        Assert.Equal("true", data["yes"]);
        Assert.Equal("false", data["no"]);
        Assert.Equal("yes", data["word"]);
        Assert.True(data.ContainsKey("nothing"));
        Assert.Null(data["nothing"]);
        Assert.Equal("null", data["quotedNull"]);
        Assert.Equal("some.host-name_1", data["unquoted"]);
        Assert.Equal("10.0.1", data["version"]);
    }

    [Fact]
    public void Arrays_accept_commas_newlines_and_a_trailing_comma()
    {
        var data = Parse("a = [1, 2, 3,]\nb = [\n  x\n  y\n]\nc = [[1, 2], { k = v }]");
        Assert.Equal("1", data["a:0"]);
        Assert.Equal("3", data["a:2"]);
        Assert.False(data.ContainsKey("a:3"));
        Assert.Equal("x", data["b:0"]);
        Assert.Equal("y", data["b:1"]);
        Assert.Equal("2", data["c:0:1"]);
        Assert.Equal("v", data["c:1:k"]);
    }

    [Fact]
    public void Json_is_valid_hocon_including_commas_at_the_start_of_a_line()
    {
        var data = Parse("""
            {
              "name": "shop",
              "ports": [80
                , 443],
              "db": { "host": "h", "port": 5432 }
              , "flags": { "a": true, "b": null }
            }
            """);
        Assert.Equal("shop", data["name"]);
        Assert.Equal("443", data["ports:1"]);
        Assert.Equal("5432", data["db:port"]);
        Assert.Equal("true", data["flags:a"]);
        Assert.Null(data["flags:b"]);
    }

    [Fact]
    public void Empty_objects_and_arrays_become_null_entries_like_json()
    {
        var data = Parse("a {}\nb = []");
        Assert.Null(data["a"]);
        Assert.Null(data["b"]);
        Assert.Equal(2, data.Count);
    }

    [Fact]
    public void Simple_values_on_one_line_concatenate_keeping_inner_whitespace()
    {
        var data = Parse("a =   foo bar  \"baz\"   \nb = foo\"bar\"\nc = 5 seconds\nd = true love\ne = null value");
        Assert.Equal("foo bar  baz", data["a"]);
        Assert.Equal("foobar", data["b"]);
        Assert.Equal("5 seconds", data["c"]);
        Assert.Equal("true love", data["d"]);
        Assert.Equal("null value", data["e"]);
    }

    [Fact]
    public void Arrays_and_objects_concatenate_with_their_own_kind()
    {
        var data = Parse("a = [1, 2] [3]\nb = { x = 1 } { y = 2 }");
        Assert.Equal("3", data["a:2"]);
        Assert.Equal("1", data["b:x"]);
        Assert.Equal("2", data["b:y"]);
    }

    [Fact]
    public void Include_is_an_ordinary_word_outside_the_start_of_a_key()
    {
        var data = Parse("a = include\nb = [include]\n\"include\" = 1");
        Assert.Equal("include", data["a"]);
        Assert.Equal("include", data["b:0"]);
        Assert.Equal("1", data["include"]);
    }

    [Fact]
    public void Numbers_followed_by_letters_read_as_strings()
    {
        var data = Parse("a = 5s\nb = 512k\nc = 1.5h\nd = 10.0bar\ne = -foo");
        Assert.Equal("5s", data["a"]);
        Assert.Equal("512k", data["b"]);
        Assert.Equal("1.5h", data["c"]);
        Assert.Equal("10.0bar", data["d"]);
        Assert.Equal("-foo", data["e"]);
    }

    [Fact]
    public void Unicode_whitespace_and_a_byte_order_mark_are_whitespace()
    {
        var data = Parse("\uFEFFa\u00A0=\u2003 1\r\nb = 2\r\n");
        Assert.Equal("1", data["a"]);
        Assert.Equal("2", data["b"]);
    }

    [Fact]
    public void An_empty_document_is_an_empty_configuration()
    {
        Assert.Empty(Parse(string.Empty));
        Assert.Empty(Parse("  # only a comment\n"));
        Assert.Empty(Parse("{}"));
    }

    [Fact]
    public void Case_differences_in_keys_are_kept_but_collide_in_configuration()
    {
        Assert.Equal("1", Parse("Server.Port = 1")["server:port"]);
        var ex = Assert.Throws<HoconParseException>(() => Parse("a = 1\nA = 2"));
        Assert.Contains("case-insensitive", ex.Message, StringComparison.Ordinal);
        Assert.Equal(2, ex.Line);
    }
}
