using System.Reflection;
using Microsoft.Extensions.DependencyInjection;

namespace Lifespan.Actors;

/// <summary>
/// An immutable recipe for creating an actor: its type and how to construct it, plus options such as its
/// supervisor strategy. The same props create a fresh instance on every start and restart.
/// </summary>
public sealed class Props
{
    private readonly Func<ActorSystem, ReceiveActor> _factory;

    private Props(Type actorType, Func<ActorSystem, ReceiveActor> factory, SupervisorStrategy? supervisorStrategy)
    {
        ActorType = actorType;
        _factory = factory;
        SupervisorStrategy = supervisorStrategy;
    }

    /// <summary>The type of actor these props create.</summary>
    public Type ActorType { get; }

    /// <summary>The strategy for the actor's children, unless the actor overrides it; <see langword="null"/> means the default.</summary>
    public SupervisorStrategy? SupervisorStrategy { get; }

    /// <summary>Props for <typeparamref name="TActor"/> created with its parameterless constructor.</summary>
    public static Props Create<TActor>() where TActor : ReceiveActor, new() =>
        new(typeof(TActor), static _ => new TActor(), null);

    /// <summary>Props for <typeparamref name="TActor"/> created by <paramref name="factory"/>, which must return a new instance on every call.</summary>
    public static Props Create<TActor>(Func<TActor> factory) where TActor : ReceiveActor
    {
        ArgumentNullException.ThrowIfNull(factory);
        return new Props(typeof(TActor), _ => factory(), null);
    }

    /// <summary>Props for <typeparamref name="TActor"/> created with the public constructor that accepts <paramref name="args"/>.</summary>
    /// <exception cref="ArgumentException">No public constructor of the type accepts these arguments.</exception>
    public static Props Create<TActor>(params object?[] args) where TActor : ReceiveActor => Create(typeof(TActor), args);

    /// <summary>Props for <paramref name="actorType"/> created with the public constructor that accepts <paramref name="args"/>.</summary>
    /// <exception cref="ArgumentException">The type is not a concrete <see cref="ReceiveActor"/>, or no public constructor accepts these arguments.</exception>
    public static Props Create(Type actorType, params object?[] args)
    {
        ArgumentNullException.ThrowIfNull(actorType);
        args ??= [null];
        RequireActorType(actorType);
        var constructor = FindConstructor(actorType, args) ?? throw new ArgumentException(
            $"No public constructor of {actorType.Name} accepts ({string.Join(", ", args.Select(a => a?.GetType().Name ?? "null"))}).",
            nameof(args));
        return new Props(actorType, _ => Construct(constructor, args), null);
    }

    /// <summary>
    /// Props for <typeparamref name="TActor"/> created through the system's <see cref="IServiceProvider"/>:
    /// constructor parameters come from <paramref name="args"/> first, then from dependency injection.
    /// </summary>
    public static Props FromServices<TActor>(params object[] args) where TActor : ReceiveActor
    {
        args ??= [];
        return new Props(typeof(TActor), system =>
        {
            var services = system.Services ?? throw new InvalidOperationException(
                $"Props.FromServices<{typeof(TActor).Name}> needs an IServiceProvider: set ActorSystemOptions.Services or use AddLifespanActors.");
            return ActivatorUtilities.CreateInstance<TActor>(services, args);
        }, null);
    }

    /// <summary>A copy of these props whose actor supervises its children with <paramref name="strategy"/>.</summary>
    public Props WithSupervisorStrategy(SupervisorStrategy strategy)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        return new Props(ActorType, _factory, strategy);
    }

    internal ReceiveActor NewActor(ActorSystem system) => _factory(system);

    private static void RequireActorType(Type type)
    {
        if (!typeof(ReceiveActor).IsAssignableFrom(type) || type.IsAbstract)
        {
            throw new ArgumentException($"{type.Name} is not a concrete actor type; actors derive from ReceiveActor.", nameof(type));
        }
    }

    private static ConstructorInfo? FindConstructor(Type type, object?[] args) =>
        type.GetConstructors().FirstOrDefault(c =>
        {
            var parameters = c.GetParameters();
            return parameters.Length == args.Length && parameters.Zip(args).All(p =>
                p.Second is null ? !p.First.ParameterType.IsValueType || Nullable.GetUnderlyingType(p.First.ParameterType) is not null
                                 : p.First.ParameterType.IsInstanceOfType(p.Second));
        });

    private static ReceiveActor Construct(ConstructorInfo constructor, object?[] args)
    {
        try
        {
            return (ReceiveActor)constructor.Invoke(args);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
            throw;
        }
    }
}
