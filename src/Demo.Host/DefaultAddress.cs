namespace Demo.Host;

/// <summary>
/// The demo's address when nothing else names one. A <c>Urls</c> key in appsettings.json would override
/// <c>ASPNETCORE_URLS</c> (app configuration is read after the <c>ASPNETCORE_</c> variables), so the default is applied
/// in code, and only when no standard setting chooses the address.
/// </summary>
internal static class DefaultAddress
{
    /// <summary>Where a plain <c>dotnet run --project src/Demo.Host</c> listens.</summary>
    public const string Url = "http://127.0.0.1:5000";

    /// <summary>
    /// Listens on <see cref="Url"/> unless the configuration already says where to listen: <c>urls</c>
    /// (<c>ASPNETCORE_URLS</c>, <c>DOTNET_URLS</c>, <c>--urls</c>, a <c>Urls</c> key), <c>http_ports</c> or
    /// <c>https_ports</c> (<c>ASPNETCORE_HTTP_PORTS</c>, which the .NET container images set), or <c>Kestrel:Endpoints</c>.
    /// Call it after every configuration source has been added.
    /// </summary>
    public static WebApplicationBuilder UseDefaultAddressUnlessConfigured(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var named = !string.IsNullOrWhiteSpace(configuration[WebHostDefaults.ServerUrlsKey])
            || !string.IsNullOrWhiteSpace(configuration[WebHostDefaults.HttpPortsKey])
            || !string.IsNullOrWhiteSpace(configuration[WebHostDefaults.HttpsPortsKey])
            || configuration.GetSection("Kestrel:Endpoints").GetChildren().Any();
        if (!named)
        {
            builder.WebHost.UseUrls(Url);
        }

        return builder;
    }
}
