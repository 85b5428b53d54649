using Lifespan.Actors.Configuration;

namespace Lifespan.Actors.Tests.Configuration;

public sealed class HoconErrorTests
{
    [Theory]
    [InlineData("a {\n  b = 1\n", 3, 1, "expected '}' to close the object opened at (1,3)")]
    [InlineData("a = [1, 2", 1, 10, "expected ']' to close the array opened at (1,5)")]
    [InlineData("a { b = 1 ]", 1, 11, "expected '}' to close the object opened at (1,3)")]
    [InlineData("a = 1\n}", 2, 1, "unexpected '}'")]
    [InlineData("a = 1,,\nb = 2", 1, 7, "two commas in a row")]
    [InlineData("a = [1,,2]", 1, 8, "unexpected ','")]
    [InlineData("a = [,1]", 1, 6, "unexpected ','")]
    [InlineData(", a = 1", 1, 1, "unexpected ','")]
    [InlineData("a\n1", 1, 2, "expected ':', '=', '+=' or '{' after the key 'a', found '1' at (2,1)")]
    [InlineData("a = ", 1, 5, "expected a value")]
    [InlineData("a = \"open", 1, 5, "unterminated quoted string")]
    [InlineData("a = \"line\nbreak\"", 1, 10, "newline in a quoted string")]
    [InlineData("a = \"bad \\q escape\"", 1, 10, "invalid escape")]
    [InlineData("a = \"\"\"never closed", 1, 5, "unterminated triple-quoted string")]
    [InlineData("a = ${b", 1, 5, "unterminated substitution")]
    [InlineData("a = ${}", 1, 5, "empty substitution path")]
    [InlineData("a..b = 1", 1, 1, "a path element is empty")]
    [InlineData(".a = 1", 1, 1, "a path element is empty")]
    [InlineData("${a} = 1", 1, 1, "substitutions are not allowed in keys")]
    [InlineData("a = b = c", 1, 7, "expected ',' or a newline")]
    [InlineData("a = foo@bar", 1, 8, "'@' is not allowed outside quotes")]
    [InlineData("a = 1+2", 1, 6, "'+' is not allowed outside quotes")]
    [InlineData("a = $b", 1, 5, "'$' is not allowed outside quotes")]
    [InlineData("a = +5", 1, 5, "'+' is not allowed outside quotes")]
    [InlineData("[1, 2]", 1, 1, "must be an object")]
    [InlineData("{ a = 1 } b = 2", 1, 11, "after the closing '}' of the root object")]
    [InlineData("a = { x = 1 } text", 1, 15, "cannot concatenate an object with a string")]
    [InlineData("a = [1] { x = 1 }", 1, 9, "cannot concatenate an array with an object")]
    public void Malformed_input_reports_file_line_and_column(string hocon, int line, int column, string reason)
    {
        var ex = Assert.Throws<HoconParseException>(() => HoconDocument.Parse(hocon, "app.conf"));
        Assert.Equal("app.conf", ex.FileName);
        Assert.Equal((line, column), (ex.Line, ex.Column));
        Assert.StartsWith($"app.conf({line},{column}): ", ex.Message, StringComparison.Ordinal);
        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a {\n  b = ,\n}", "(2,7): expected a value for 'a.b', found ','")]
    [InlineData("a.b = [1, 2", "expected ']' to close the array opened at (1,7) for 'a.b', found end of input")]
    [InlineData("x {\n  \"p.q\" = [1 2 }", "expected ']' to close the array opened at (2,11) for 'x.\"p.q\"'")]
    public void A_malformed_value_names_its_key(string hocon, string message)
    {
        var ex = Assert.Throws<HoconParseException>(() => HoconDocument.Parse(hocon, null));
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_message_reads_like_a_compiler_diagnostic()
    {
        var ex = Assert.Throws<HoconParseException>(() => HoconDocument.Parse("akka {\n  loglevel = INFO\n  actor { provider = local\n", "app.conf"));
        Assert.Equal("app.conf(4,1): expected '}' to close the object opened at (3,9), found end of input", ex.Message);
    }

    [Fact]
    public void Text_without_a_file_name_is_called_string()
    {
        var ex = Assert.Throws<HoconParseException>(() => HoconDocument.Parse("a = [", null));
        Assert.Null(ex.FileName);
        Assert.StartsWith("<string>(1,6): ", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Hostile_nesting_and_substitution_chains_fail_with_a_message()
    {
        var nested = Assert.Throws<HoconParseException>(() => HoconDocument.Parse("a = " + new string('[', 100_000)));
        Assert.Contains("nested more than", nested.Message, StringComparison.Ordinal);

        var chain = string.Join('\n', Enumerable.Range(0, 10_000).Select(i => $"a{i} = ${{a{i + 1}}}")) + "\na10000 = end";
        var chained = Assert.Throws<HoconParseException>(() => HoconDocument.Parse(chain));
        Assert.Contains("chained more than", chained.Message, StringComparison.Ordinal);

        var reasonable = string.Join('\n', Enumerable.Range(0, 100).Select(i => $"a{i} = ${{a{i + 1}}}")) + "\na100 = end";
        Assert.Equal("end", HoconDocument.Parse(reasonable)["a0"]);
    }

    [Fact]
    public void Hocon_parse_exception_is_a_format_exception()
    {
        Assert.IsAssignableFrom<FormatException>(new HoconParseException("x", "f", 1, 2));
    }

    [Fact]
    public void Deep_garbage_never_escapes_as_an_unhelpful_exception()
    {
        string[] inputs = ["{", "}", "[", "]", "\"", "${", "${?", "a", "a.", "a =", "a +=", "include", "include \"", "a = \"\\u12\"", "\"\"\"\"", "a = [{", "a : {b : [", "1 = 2 = 3", "a = ${?}", "a { include required( }"];
        foreach (var input in inputs)
        {
            var ex = Record.Exception(() => HoconDocument.Parse(input));
            Assert.True(ex is null or HoconParseException, $"'{input}' threw {ex?.GetType().Name}: {ex?.Message}");
        }
    }
}
