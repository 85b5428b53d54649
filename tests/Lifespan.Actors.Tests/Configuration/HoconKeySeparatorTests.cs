using Lifespan.Actors.Configuration;

namespace Lifespan.Actors.Tests.Configuration;

/// <summary>
/// Newlines between a key and its ':', '=', '+=' or '{' are whitespace, as in Lightbend config's own equivalence cases
/// (equiv01/comments.conf, equiv01/omit-colons.conf, equiv02/path-keys-weird-whitespace.conf).
/// </summary>
public sealed class HoconKeySeparatorTests
{
    private static IReadOnlyDictionary<string, string?> Parse(string hocon) => HoconDocument.Parse(hocon);

    [Fact]
    public void A_colon_may_start_the_line_after_a_quoted_key()
    {
        var data = Parse("\"concatenated\"\n  : \"value\"");
        Assert.Equal(new Dictionary<string, string?> { ["concatenated"] = "value" }, data);
    }

    [Fact]
    public void An_object_value_may_open_on_the_line_after_its_key()
    {
        var data = Parse("\"floats\"\n{ a = 1.5 }");
        Assert.Equal(new Dictionary<string, string?> { ["floats:a"] = "1.5" }, data);
    }

    [Fact]
    public void A_path_key_may_have_its_colon_on_the_next_line()
    {
        var data = Parse("a.b.c.d\n  : { x = 1 }");
        Assert.Equal(new Dictionary<string, string?> { ["a:b:c:d:x"] = "1" }, data);
    }

    [Fact]
    public void An_equals_sign_or_plus_equals_may_start_the_line_after_the_key()
    {
        var data = Parse("key\n= 1\nlist = [a]\nlist\n  += b");
        Assert.Equal(new Dictionary<string, string?> { ["key"] = "1", ["list:0"] = "a", ["list:1"] = "b" }, data);
    }

    [Fact]
    public void Unquoted_keys_take_their_separator_from_the_next_line()
    {
        var data = Parse("host\n  : localhost\nport\n  = 8080\nserver\n  { name = shop }\n5s\n: five");
        Assert.Equal(new Dictionary<string, string?> { ["host"] = "localhost", ["port"] = "8080", ["server:name"] = "shop", ["5s"] = "five" }, data);
    }

    [Fact]
    public void Blank_lines_and_comments_may_stand_between_a_key_and_its_separator()
    {
        var data = Parse("\"concatenated\" # more to say?\n: \"null bar 42 baz true 3.14 hi\"\n"
            + "a.b.c.d.e   \n\n// why not\n  # and again\n\n  :\n\n401\n"
            + "strings   \n\n\n   { abcd : \"abcd\" }");
        Assert.Equal(
            new Dictionary<string, string?> { ["concatenated"] = "null bar 42 baz true 3.14 hi", ["a:b:c:d:e"] = "401", ["strings:abcd"] = "abcd" },
            data);
    }

    [Fact]
    public void Keys_inside_nested_objects_may_have_their_separator_on_the_next_line()
    {
        var data = Parse("""
            outer {
              inner
              {
                leaf
                  = 1
                deeper
                {
                  "x.y"
                    : [1, 2]
                }
              }
              other
                : 2, last
                : 3
            }
            """);
        Assert.Equal(
            new Dictionary<string, string?>
            {
                ["outer:inner:leaf"] = "1",
                ["outer:inner:deeper:x.y:0"] = "1",
                ["outer:inner:deeper:x.y:1"] = "2",
                ["outer:other"] = "2",
                ["outer:last"] = "3",
            },
            data);
    }

    [Fact]
    public void Lightbends_weird_whitespace_path_keys_read_as_the_reference_does()
    {
        // config/src/test/resources/equiv02/path-keys-weird-whitespace.conf, which must equal equiv02/original.json.
        var data = Parse("{\n  a.b.c.d\n: { \"a\" : 1, \"z\" : 101 },\n  a.b.c   \n     : { \"q\" : 301 },\n  a.b  : \n\n   { \"r\" : 302 },\n  \na  \n\n"
            + "    : { \"s\" : 303 },\n\n  a.b.c.d \n\n\n         : { \"b\" : 2, \"z\" : 102 },\n\n\n  a.b.c.d.e \n\n   : 400,\n  \n\na.b.c.d.e \n\n  : \n   \n\n401\n\n}\n");
        var original = Parse("""
            { "a" : { "s" : 303, "b" : { "r" : 302, "c" : { "q" : 301, "d" : { "e" : 401, "a" : 1, "b" : 2, "z" : 102 } } } } }
            """);
        Assert.Equal(
            new Dictionary<string, string?>
            {
                ["a:s"] = "303",
                ["a:b:r"] = "302",
                ["a:b:c:q"] = "301",
                ["a:b:c:d:e"] = "401",
                ["a:b:c:d:a"] = "1",
                ["a:b:c:d:b"] = "2",
                ["a:b:c:d:z"] = "102",
            },
            data);
        Assert.Equal(original, data);
    }

    [Fact]
    public void A_newline_after_a_value_still_ends_the_field()
    {
        var data = Parse("a = 1\nb\n= 2\nc = x\nd\n{ e = 3 }");
        Assert.Equal(new Dictionary<string, string?> { ["a"] = "1", ["b"] = "2", ["c"] = "x", ["d:e"] = "3" }, data);
    }

    [Theory]
    [InlineData("a\n1", 1, 2, "expected ':', '=', '+=' or '{' after the key 'a', found '1' at (2,1)")]
    [InlineData("a\n\n# comment\nb = 1", 1, 2, "expected ':', '=', '+=' or '{' after the key 'a', found 'b' at (4,1)")]
    [InlineData("x {\n  a\n}", 2, 4, "expected ':', '=', '+=' or '{' after the key 'a', found '}' at (3,1)")]
    [InlineData("a\n", 1, 2, "expected ':', '=', '+=' or '{' after the key 'a', found end of input at (2,1)")]
    [InlineData("a = 1\n: 2", 2, 1, "expected a key, found ':'")]
    [InlineData("a = 1\n= 2", 2, 1, "expected a key, found '='")]
    public void A_key_without_a_separator_is_still_an_error_where_the_key_ends(string hocon, int line, int column, string reason)
    {
        var ex = Assert.Throws<HoconParseException>(() => HoconDocument.Parse(hocon, "app.conf"));
        Assert.Equal((line, column), (ex.Line, ex.Column));
        Assert.Equal($"app.conf({line},{column}): {reason}", ex.Message);
    }
}
