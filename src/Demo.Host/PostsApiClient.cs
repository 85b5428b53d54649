using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Demo.Host;

/// <summary>A post of the in-process posts API (<c>GET /api/posts/{id}</c>).</summary>
internal sealed record Post(int Id, string Title, string Body);

/// <summary>
/// Calls the app's own posts API over HTTP, as the seed calls jsonplaceholder: a real request through Kestrel. The
/// address is looked up at call time, because Kestrel may have bound an ephemeral port (<c>--urls http://127.0.0.1:0</c>).
/// </summary>
internal sealed class PostsApiClient(HttpClient http, IServer server)
{
    public async Task<Post> GetPostAsync(int id, CancellationToken cancellationToken)
    {
        var post = await http.GetFromJsonAsync<Post>(new Uri(OwnAddress(), $"api/posts/{id}"), cancellationToken);
        return post ?? throw new InvalidOperationException($"The posts API answered null for post {id}.");
    }

    /// <summary>The first address Kestrel listens on, preferring http, with a wildcard host made concrete.</summary>
    private Uri OwnAddress()
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var address = addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.OrdinalIgnoreCase)) ?? addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("The server has no address yet; it is not listening.");
        var builder = new UriBuilder(address.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal));
        if (builder.Host is "0.0.0.0")
        {
            builder.Host = "127.0.0.1";
        }
        else if (builder.Host is "[::]" or "::")
        {
            builder.Host = "[::1]";
        }

        builder.Path = "/";
        return builder.Uri;
    }
}
