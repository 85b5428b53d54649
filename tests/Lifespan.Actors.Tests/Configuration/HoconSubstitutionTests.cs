using Lifespan.Actors.Configuration;

namespace Lifespan.Actors.Tests.Configuration;

public sealed class HoconSubstitutionTests
{
    private static IReadOnlyDictionary<string, string?> Parse(string hocon) => HoconDocument.Parse(hocon);

    [Fact]
    public void Substitutions_resolve_against_the_whole_document_including_later_fields()
    {
        var data = Parse("a = ${b.c}\nb { c = 42 }\nd = ${b}\ne = [${b.c}, ${a}]");
        Assert.Equal("42", data["a"]);
        Assert.Equal("42", data["d:c"]);
        Assert.Equal("42", data["e:0"]);
        Assert.Equal("42", data["e:1"]);
    }

    [Fact]
    public void A_substitution_sees_the_last_assigned_value()
    {
        var data = Parse("x = 1\ny = ${x}\nx = 2");
        Assert.Equal("2", data["y"]);
    }

    [Fact]
    public void Substitutions_concatenate_with_strings()
    {
        var data = Parse("""
            host = example.org
            port = 8080
            url = "http://"${host}":"${port}/api
            greeting = hello ${host} and bye
            empty = ${nothing}x
            nothing = null
            """);
        Assert.Equal("http://example.org:8080/api", data["url"]);
        Assert.Equal("hello example.org and bye", data["greeting"]);
        Assert.Equal("x", data["empty"]);
    }

    [Fact]
    public void An_object_may_refer_to_its_own_fields()
    {
        var data = Parse("bar { foo = 42, baz = ${bar.foo} }\nbar { foo = 43 }");
        Assert.Equal("43", data["bar:baz"]);
    }

    [Fact]
    public void Object_concatenation_with_a_substitution_inherits_fields()
    {
        var data = Parse("""
            generic { cluster-size = 6, name = generic }
            east = ${generic} { name = east }
            west = ${generic} { cluster-size = 8 }
            """);
        Assert.Equal("6", data["east:cluster-size"]);
        Assert.Equal("east", data["east:name"]);
        Assert.Equal("8", data["west:cluster-size"]);
        Assert.Equal("generic", data["west:name"]);
    }

    [Fact]
    public void A_substitution_resolving_to_an_object_merges_with_an_earlier_object()
    {
        var data = Parse("defaults { y = 2 }\na { x = 1 }\na = ${defaults}");
        Assert.Equal("1", data["a:x"]);
        Assert.Equal("2", data["a:y"]);
    }

    [Fact]
    public void Array_concatenation_with_a_substitution()
    {
        var data = Parse("base = [1, 2]\nall = ${base} [3]");
        Assert.Equal("1", data["all:0"]);
        Assert.Equal("3", data["all:2"]);
    }

    [Fact]
    public void A_self_referential_field_sees_its_earlier_value()
    {
        var data = Parse("""
            path = "/bin"
            path = ${path}":/usr/bin"
            path = ${path}":/extra"
            list = [a]
            list = ${list} [b]
            foo { a = 1 }
            foo = ${foo} { b = 2 }
            """);
        Assert.Equal("/bin:/usr/bin:/extra", data["path"]);
        Assert.Equal("b", data["list:1"]);
        Assert.Equal("1", data["foo:a"]);
        Assert.Equal("2", data["foo:b"]);
    }

    [Fact]
    public void A_self_reference_may_read_inside_the_earlier_value()
    {
        var data = Parse("foo { a = 1 }\nfoo = ${foo.a}\nbar { x = 1, y = ${bar.x} }\nbar = ${?LIFESPAN_SURELY_UNDEFINED_1b7e}");
        Assert.Equal("1", data["foo"]);
        Assert.Equal("1", data["bar:y"]);
    }

    [Fact]
    public void A_self_reference_through_another_field_sees_the_earlier_value()
    {
        var data = Parse("a = 1\nb = ${a}\na = ${b}");
        Assert.Equal("1", data["a"]);
        Assert.Equal("1", data["b"]);
    }

    [Fact]
    public void A_self_reference_without_an_earlier_value_is_an_error()
    {
        var ex = Assert.Throws<HoconParseException>(() => Parse("a = ${a}x"));
        Assert.Contains("${a}", ex.Message, StringComparison.Ordinal);
        Assert.Contains("no earlier value", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cycle_is_an_error()
    {
        var ex = Assert.Throws<HoconParseException>(() => Parse("bar { foo = ${bar.baz}, baz = ${bar.foo} }"));
        Assert.Contains("cannot resolve", ex.Message, StringComparison.Ordinal);
        Assert.Throws<HoconParseException>(() => Parse("a { b = ${a} }"));
    }

    [Fact]
    public void A_missing_required_substitution_is_an_error_naming_the_path_and_position()
    {
        var ex = Assert.Throws<HoconParseException>(() => HoconDocument.Parse("a = 1\nb = \"x\" ${db.host}", "app.conf"));
        Assert.Contains("${db.host}", ex.Message, StringComparison.Ordinal);
        Assert.StartsWith("app.conf(2,9): ", ex.Message, StringComparison.Ordinal);
        Assert.Equal((2, 9), (ex.Line, ex.Column));
    }

    [Fact]
    public void A_missing_optional_substitution_leaves_the_field_unset_or_at_its_previous_value()
    {
        var data = Parse("""
            a = ${?LIFESPAN_SURELY_UNDEFINED_1b7e}
            b = default
            b = ${?LIFESPAN_SURELY_UNDEFINED_1b7e}
            c = [1, ${?LIFESPAN_SURELY_UNDEFINED_1b7e}, 2]
            d = x${?LIFESPAN_SURELY_UNDEFINED_1b7e}y
            e { k = v }
            e = ${?LIFESPAN_SURELY_UNDEFINED_1b7e}
            """);
        Assert.False(data.ContainsKey("a"));
        Assert.Equal("default", data["b"]);
        Assert.Equal("1", data["c:0"]);
        Assert.Equal("2", data["c:1"]);
        Assert.False(data.ContainsKey("c:2"));
        Assert.Equal("xy", data["d"]);
        Assert.Equal("v", data["e:k"]);
    }

    [Fact]
    public void Unknown_paths_fall_back_to_environment_variables()
    {
        var name = "LIFESPAN_HOCON_TEST_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(name, "from-env");
        try
        {
            var data = Parse($"a = ${{{name}}}\nb = default\nb = ${{?{name}}}\nc = \"prefix-\"${{{name}}}");
            Assert.Equal("from-env", data["a"]);
            Assert.Equal("from-env", data["b"]);
            Assert.Equal("prefix-from-env", data["c"]);
        }
        finally
        {
            Environment.SetEnvironmentVariable(name, null);
        }
    }

    [Fact]
    public void A_value_in_the_document_wins_over_the_environment_even_when_null()
    {
        var name = "LIFESPAN_HOCON_TEST_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(name, "from-env");
        try
        {
            var data = Parse($"{name} = null\na = ${{{name}}}\nb = ${{{name}}}text");
            Assert.Null(data["a"]);
            Assert.Equal("text", data["b"]);
        }
        finally
        {
            Environment.SetEnvironmentVariable(name, null);
        }
    }

    [Fact]
    public void Substitution_paths_may_be_quoted()
    {
        var data = Parse("\"a.b\" { c = 1 }\nx = ${\"a.b\".c}\ny = ${ \"a.b\".c }");
        Assert.Equal("1", data["x"]);
        Assert.Equal("1", data["y"]);
    }

    [Fact]
    public void A_substitution_keeps_the_type_of_a_single_value()
    {
        var data = Parse("n = null\na = ${n}\nb = ${n} ${n}");
        Assert.Null(data["a"]);
        Assert.Equal(" ", data["b"]);
    }
}
