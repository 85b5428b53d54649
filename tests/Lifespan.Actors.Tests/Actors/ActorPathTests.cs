namespace Lifespan.Actors.Tests.Actors;

public sealed class ActorPathTests
{
    [Fact]
    public void Paths_print_their_elements()
    {
        var root = ActorPath.CreateRoot("sys");
        var path = root.Child("user").Child("a").Child("b");
        Assert.Equal("/", root.ToString());
        Assert.Equal("/user/a/b", path.ToString());
        Assert.Equal(["user", "a", "b"], path.Elements);
        Assert.Equal(3, path.Depth);
        Assert.Equal("b", path.Name);
        Assert.Equal("lifespan://sys/user/a/b", path.ToStringWithAddress());
    }

    [Fact]
    public void Paths_compare_by_value()
    {
        var a = ActorPath.CreateRoot("sys").Child("user").Child("a");
        var b = ActorPath.CreateRoot("sys").Child("user").Child("a");
        var other = ActorPath.CreateRoot("other").Child("user").Child("a");
        Assert.Equal(a, b);
        Assert.True(a == b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, other);
        Assert.NotEqual(a, a.Parent);
    }
}
