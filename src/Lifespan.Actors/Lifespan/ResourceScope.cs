using Microsoft.Extensions.DependencyInjection;

namespace Lifespan.Actors.Lifespan;

/// <summary>
/// The dependency-injection scope a resource keeps from its setup to its teardown: the scoped services its setup
/// resolved live as long as the resource and are disposed after it.
/// </summary>
internal sealed class ResourceScope
{
    private AsyncServiceScope? _scope;

    /// <summary>Runs <paramref name="setUp"/> in a new scope, which is kept when it succeeds and disposed when it throws.</summary>
    public async Task<TResult> SetUpAsync<TResult>(IServiceProvider services, Func<AsyncServiceScope, Task<TResult>> setUp)
    {
        var scope = services.CreateAsyncScope();
        try
        {
            var result = await setUp(scope).ConfigureAwait(false);
            _scope = scope;
            return result;
        }
        catch
        {
            await scope.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Runs <paramref name="tearDown"/>, then disposes the scope, whether or not the teardown threw.</summary>
    public async Task TearDownAsync(Func<Task> tearDown)
    {
        try
        {
            await tearDown().ConfigureAwait(false);
        }
        finally
        {
            var scope = _scope;
            _scope = null;
            if (scope is { } owned)
            {
                await owned.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
