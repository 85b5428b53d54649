using System.Reflection;
using Microsoft.Extensions.DependencyInjection;

namespace Lifespan.Actors.Lifespan;

/// <summary>The code of one lifespan task and how to run it for its shape.</summary>
internal abstract class TaskBody
{
    /// <summary>Parameters to check against the container before anything starts, if the body binds any.</summary>
    public virtual ParameterBinder? Binder => null;

    /// <summary>Runs a long-running task or a one-shot handler to completion.</summary>
    public virtual Task RunAsync(LifespanRuntime runtime, CancellationToken cancellationToken) =>
        throw new NotSupportedException($"{GetType().Name} has no run.");

    /// <summary>Sets a resource up; returns the value it provides as lifespan state, if any.</summary>
    public virtual Task<object?> SetUpAsync(LifespanRuntime runtime, CancellationToken cancellationToken) =>
        throw new NotSupportedException($"{GetType().Name} has no setup.");

    /// <summary>Tears a resource down.</summary>
    public virtual Task TearDownAsync(CancellationToken cancellationToken) =>
        throw new NotSupportedException($"{GetType().Name} has no teardown.");
}

/// <summary>
/// A user delegate with its parameter binding. Its services come from a scope of its own, as a <c>BackgroundService</c>
/// makes one: a scoped service is one instance per run (or per setup, until its teardown), disposed with the scope.
/// </summary>
internal sealed class BoundDelegate(Delegate target, ParameterBinder binder)
{
    public ParameterBinder Binder { get; } = binder;

    public object? Invoke(LifespanRuntime runtime, AsyncServiceScope scope, CancellationToken cancellationToken) =>
        target.Method.Invoke(target.Target, BindingFlags.DoNotWrapExceptions, null, Binder.Bind(scope.ServiceProvider, runtime.App, cancellationToken), null);
}

/// <summary>A function returning <see cref="Task"/>/<see cref="ValueTask"/> or <see langword="void"/>, run to completion.</summary>
internal sealed class RunBody(BoundDelegate function) : TaskBody
{
    public override ParameterBinder Binder => function.Binder;

    public override async Task RunAsync(LifespanRuntime runtime, CancellationToken cancellationToken)
    {
        await using var scope = runtime.Services.CreateAsyncScope();
        switch (function.Invoke(runtime, scope, cancellationToken))
        {
            case Task task:
                await task.ConfigureAwait(false);
                break;
            case ValueTask valueTask:
                await valueTask.ConfigureAwait(false);
                break;
        }
    }
}

/// <summary>An <c>IAsyncEnumerable&lt;T&gt;</c> method with one yield: before it is setup, after it is teardown.</summary>
internal sealed class AsyncEnumerableBody<T>(string name, BoundDelegate function) : TaskBody
{
    private readonly ResourceScope _scope = new();
    private IAsyncEnumerator<T>? _enumerator;

    public override ParameterBinder Binder => function.Binder;

    public override async Task<object?> SetUpAsync(LifespanRuntime runtime, CancellationToken cancellationToken)
    {
        if (_enumerator is not null)
        {
            throw new InvalidOperationException($"Lifespan task '{name}' is already set up; tear it down before setting it up again.");
        }

        return await _scope.SetUpAsync<object?>(runtime.Services, async scope =>
        {
            var sequence = (IAsyncEnumerable<T>?)function.Invoke(runtime, scope, cancellationToken)
                ?? throw new InvalidOperationException($"Lifespan task '{name}' returned null instead of an IAsyncEnumerable.");
            var enumerator = sequence.GetAsyncEnumerator(CancellationToken.None);
            if (!await enumerator.MoveNextAsync().ConfigureAwait(false))
            {
                await enumerator.DisposeAsync().ConfigureAwait(false);
                throw new InvalidOperationException(
                    $"Lifespan task '{name}' finished without yielding: put exactly one 'yield return' between its setup and its teardown.");
            }

            _enumerator = enumerator;
            return enumerator.Current;
        }).ConfigureAwait(false);
    }

    public override Task TearDownAsync(CancellationToken cancellationToken) => _scope.TearDownAsync(async () =>
    {
        var enumerator = Interlocked.Exchange(ref _enumerator, null);
        if (enumerator is null)
        {
            return;
        }

        try
        {
            if (await enumerator.MoveNextAsync().ConfigureAwait(false))
            {
                throw new InvalidOperationException(
                    $"Lifespan task '{name}' yielded a second time; a setup/teardown resource must yield exactly once. The code after the second yield was not run.");
            }
        }
        finally
        {
            await enumerator.DisposeAsync().ConfigureAwait(false);
        }
    });
}

/// <summary>A function returning an <see cref="IAsyncDisposable"/>, or a task of one.</summary>
internal sealed class AsyncDisposableBody(string name, BoundDelegate function) : TaskBody
{
    private readonly ResourceScope _scope = new();
    private IAsyncDisposable? _resource;

    public override ParameterBinder Binder => function.Binder;

    public override async Task<object?> SetUpAsync(LifespanRuntime runtime, CancellationToken cancellationToken)
    {
        return await _scope.SetUpAsync<object?>(runtime.Services, async scope =>
        {
            var resource = await Awaited(function.Invoke(runtime, scope, cancellationToken)).ConfigureAwait(false) as IAsyncDisposable
                ?? throw new InvalidOperationException($"Lifespan task '{name}' returned null instead of an IAsyncDisposable.");
            _resource = resource;
            return resource;
        }).ConfigureAwait(false);
    }

    public override Task TearDownAsync(CancellationToken cancellationToken) =>
        _scope.TearDownAsync(() => Interlocked.Exchange(ref _resource, null)?.DisposeAsync().AsTask() ?? Task.CompletedTask);

    internal static async Task<object?> Awaited(object? result)
    {
        switch (result)
        {
            case Task task:
                await task.ConfigureAwait(false);
                return task.GetType().GetProperty("Result")?.GetValue(task);
            case null:
                return null;
        }

        var type = result.GetType();
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ValueTask<>))
        {
            var asTask = (Task)type.GetMethod(nameof(ValueTask<int>.AsTask))!.Invoke(result, null)!;
            return await Awaited(asTask).ConfigureAwait(false);
        }

        return result;
    }
}

/// <summary>An <see cref="ILifespanResource"/>, made by a factory delegate or through dependency injection.</summary>
internal sealed class LifespanResourceBody(string name, Func<LifespanRuntime, AsyncServiceScope, CancellationToken, Task<object?>> create, ParameterBinder? binder) : TaskBody
{
    private readonly ResourceScope _scope = new();   // the resource's scoped services live until its teardown
    private ILifespanResource? _resource;

    public override ParameterBinder? Binder => binder;

    public override async Task<object?> SetUpAsync(LifespanRuntime runtime, CancellationToken cancellationToken)
    {
        return await _scope.SetUpAsync<object?>(runtime.Services, async scope =>
        {
            var resource = await create(runtime, scope, cancellationToken).ConfigureAwait(false) as ILifespanResource
                ?? throw new InvalidOperationException($"Lifespan task '{name}' produced null instead of an ILifespanResource.");
            await resource.StartAsync(cancellationToken).ConfigureAwait(false);
            _resource = resource;
            return resource;
        }).ConfigureAwait(false);
    }

    public override Task TearDownAsync(CancellationToken cancellationToken) =>
        _scope.TearDownAsync(() => Interlocked.Exchange(ref _resource, null)?.StopAsync(cancellationToken) ?? Task.CompletedTask);
}
