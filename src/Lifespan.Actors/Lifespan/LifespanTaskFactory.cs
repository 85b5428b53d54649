using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Extensions.DependencyInjection;

namespace Lifespan.Actors.Lifespan;

/// <summary>Turns a registered delegate or type into a <see cref="LifespanTask"/>, rejecting shapes it cannot run.</summary>
internal static class LifespanTaskFactory
{
    public const string AcceptedShapes =
        "a long-running function returning Task or ValueTask; an IAsyncEnumerable<T> method with one yield (setup before it, teardown after it); " +
        "a function returning IAsyncDisposable, Task<IAsyncDisposable> or ValueTask<IAsyncDisposable>; a function returning ILifespanResource " +
        "(or RegisterLifespanTask<TResource>() for a type implementing it); or a synchronous function returning void";

    public static LifespanTask FromDelegate(int index, Delegate task, object? args, LifespanTaskOptions? options)
    {
        ArgumentNullException.ThrowIfNull(task);
        options ??= new LifespanTaskOptions();
        var method = task.Method;
        var name = options.Name ?? DefaultName(method);
        options.Validate(name);
        var returns = method.ReturnType;
        var bound = new BoundDelegate(task, ParameterBinder.Create(name, method, args));

        if (returns == typeof(void))
        {
            RejectAsyncVoid(name, method);
            return new LifespanTask(index, name, LifespanTaskShape.Synchronous, options, new RunBody(bound));
        }

        if (returns == typeof(Task) || returns == typeof(ValueTask))
        {
            return new LifespanTask(index, name, LifespanTaskShape.LongRunning, options, new RunBody(bound));
        }

        if (returns.IsGenericType && returns.GetGenericTypeDefinition() == typeof(IAsyncEnumerable<>))
        {
            var body = (TaskBody)Activator.CreateInstance(typeof(AsyncEnumerableBody<>).MakeGenericType(returns.GetGenericArguments()), name, bound)!;
            return new LifespanTask(index, name, LifespanTaskShape.AsyncEnumerableResource, options, body);
        }

        var produced = returns.IsGenericType && (returns.GetGenericTypeDefinition() == typeof(Task<>) || returns.GetGenericTypeDefinition() == typeof(ValueTask<>))
            ? returns.GetGenericArguments()[0]
            : returns;
        if (typeof(ILifespanResource).IsAssignableFrom(produced))
        {
            var body = new LifespanResourceBody(name, (rt, scope, ct) => AsyncDisposableBody.Awaited(bound.Invoke(rt, scope, ct)), bound.Binder);
            return new LifespanTask(index, name, LifespanTaskShape.LifespanResource, options, body);
        }

        if (typeof(IAsyncDisposable).IsAssignableFrom(produced))
        {
            return new LifespanTask(index, name, LifespanTaskShape.AsyncDisposableResource, options, new AsyncDisposableBody(name, bound));
        }

        throw new ArgumentException(
            $"Lifespan task '{name}' returns {ParameterBinder.TypeName(returns)}, which is not a shape a lifespan task can have. Accepted: {AcceptedShapes}.",
            nameof(task));
    }

    public static LifespanTask FromResourceType(int index, Type resourceType, LifespanTaskOptions? options)
    {
        options ??= new LifespanTaskOptions();
        var name = options.Name ?? Kebab(resourceType.Name);
        options.Validate(name);
        var body = new LifespanResourceBody(name, (_, scope, _) => Task.FromResult<object?>(ActivatorUtilities.CreateInstance(scope.ServiceProvider, resourceType)), null);
        return new LifespanTask(index, name, LifespanTaskShape.LifespanResource, options, body);
    }

    public static LifespanTask Handler(int index, LifespanTaskShape shape, Delegate handler, object? args)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var method = handler.Method;
        var name = (shape == LifespanTaskShape.StartupHandler ? "on-startup-" : "on-shutdown-") + DefaultName(method);
        var returns = method.ReturnType;
        if (returns == typeof(void))
        {
            RejectAsyncVoid(name, method);
        }
        else if (returns != typeof(Task) && returns != typeof(ValueTask))
        {
            throw new ArgumentException(
                $"Handler '{name}' returns {ParameterBinder.TypeName(returns)}; startup and shutdown handlers return void, Task or ValueTask.", nameof(handler));
        }

        var bound = new BoundDelegate(handler, ParameterBinder.Create(name, method, args));
        return new LifespanTask(index, name, shape, new LifespanTaskOptions { Name = name }, new RunBody(bound));
    }

    private static void RejectAsyncVoid(string name, MethodInfo method)
    {
        if (method.GetCustomAttribute<AsyncStateMachineAttribute>() is not null)
        {
            throw new ArgumentException(
                $"Lifespan task '{name}' is 'async void', which cannot be awaited or cancelled; make it return Task. Accepted: {AcceptedShapes}.");
        }
    }

    /// <summary><c>PollUpdates</c> → <c>poll-updates</c>; a local function keeps its own name; a lambda is <c>lambda</c>.</summary>
    internal static string DefaultName(MethodInfo method)
    {
        var name = method.Name;
        var local = name.IndexOf("g__", StringComparison.Ordinal);
        if (local >= 0)
        {
            var end = name.IndexOf('|', local);
            name = name[(local + 3)..(end < 0 ? name.Length : end)];
        }
        else if (name.Contains('<', StringComparison.Ordinal))
        {
            name = "lambda";
        }

        return Kebab(name);
    }

    internal static string Kebab(string name)
    {
        var sb = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c) && i > 0 && sb.Length > 0 && sb[^1] != '-' && (char.IsLower(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1]))))
            {
                sb.Append('-');
            }

            sb.Append(c is '_' or ' ' or '.' ? '-' : char.ToLowerInvariant(c));
        }

        return sb.ToString().Trim('-');
    }
}
