using System.Text.Json;
using Lifespan.Actors.State;

namespace Lifespan.Actors.Tests.State;

/// <summary>Error messages name types as C# spells them, with the right article, and values as they were sent.</summary>
public sealed class WordingTests
{
    [Theory]
    [InlineData(typeof(int), "an int")]
    [InlineData(typeof(string), "a string")]
    [InlineData(typeof(bool), "a bool")]
    [InlineData(typeof(double), "a double")]
    [InlineData(typeof(int?), "an int or null")]
    [InlineData(typeof(bool?), "a bool or null")]
    [InlineData(typeof(uint), "a uint")]
    [InlineData(typeof(ulong), "a ulong")]
    [InlineData(typeof(object), "an object")]
    [InlineData(typeof(Uri), "a Uri")]
    [InlineData(typeof(DayOfWeek), "a DayOfWeek")]
    [InlineData(typeof(List<int>), "a List<int>")]
    [InlineData(typeof(Dictionary<string, int?>), "a Dictionary<string, int?>")]
    [InlineData(typeof(int[]), "an int[]")]
    [InlineData(typeof(Task<int>), "a Task<int>")]
    public void A_type_is_named_as_CSharp_spells_it_with_its_article(Type type, string expected) =>
        Assert.Equal(expected, Wording.AType(type));

    [Theory]
    [InlineData("Unknown", "an Unknown")]
    [InlineData("UnitOfWork", "a UnitOfWork")]
    [InlineData("Update", "an Update")]
    [InlineData("UserId", "a UserId")]
    [InlineData("ImmutableList<int>", "an ImmutableList<int>")]
    [InlineData("ModelCache", "a ModelCache")]
    public void The_article_follows_the_sound(string noun, string expected) => Assert.Equal(expected, Wording.WithArticle(noun));

    [Theory]
    [InlineData("\"three\"", "the string \"three\"")]
    [InlineData("1.5", "the number 1.5")]
    [InlineData("true", "true")]
    [InlineData("null", "null")]
    [InlineData("[1, 2]", "the array [1, 2]")]
    [InlineData("{\"a\":1}", "the object {\"a\":1}")]
    [InlineData("\"a string much longer than the forty characters shown\"", "the string \"a string much longer than the forty ...")]
    public void A_JSON_value_is_described_as_the_client_sent_it(string json, string expected) =>
        Assert.Equal(expected, Wording.Json(JsonDocument.Parse(json).RootElement));

    [Fact]
    public void A_value_a_program_passed_is_described_by_its_CSharp_type()
    {
        Assert.Equal("the string \"x\"", Wording.Value("x"));
        Assert.Equal("the long 5", Wording.Value(5L));
        Assert.Equal("the double 1.5", Wording.Value(1.5));
        Assert.Equal("false", Wording.Value(false));
        Assert.Equal("null", Wording.Value(null));
        Assert.Equal("DayOfWeek.Monday", Wording.Value(DayOfWeek.Monday));
        Assert.Equal("a Uri", Wording.Value(new Uri("http://example.com")));
    }

    [Fact]
    public void Names_are_listed_as_a_sentence_lists_them()
    {
        Assert.Equal("'a'", Wording.List(["a"]));
        Assert.Equal("'a' and 'b'", Wording.List(["a", "b"]));
        Assert.Equal("'a', 'b' and 'c'", Wording.List(["a", "b", "c"]));
    }
}
