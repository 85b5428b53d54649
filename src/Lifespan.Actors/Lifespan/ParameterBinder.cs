using System.Collections;
using System.Reflection;
using Lifespan.Actors.State;
using Microsoft.Extensions.DependencyInjection;

namespace Lifespan.Actors.Lifespan;

/// <summary>
/// Supplies a task's parameters the way minimal APIs bind an endpoint's: by name from the registration's
/// <c>args</c>, <see cref="CancellationToken"/> = the task's stopping token, <see cref="LifespanApp"/> or
/// <see cref="IServiceProvider"/> = the running app, anything else from dependency injection, then default values.
/// </summary>
internal sealed class ParameterBinder
{
    private enum Kind { Argument, Token, App, Services, Service }

    private readonly string _task;
    private readonly (Kind Kind, ParameterInfo Parameter, object? Value)[] _sources;

    private ParameterBinder(string task, (Kind, ParameterInfo, object?)[] sources)
    {
        _task = task;
        _sources = sources;
    }

    /// <summary>Plans the binding; throws when an argument matches no parameter or has the wrong type.</summary>
    public static ParameterBinder Create(string task, MethodInfo method, object? args)
    {
        var given = ReadArgs(task, args);
        var parameters = method.GetParameters();
        var sources = new (Kind, ParameterInfo, object?)[parameters.Length];
        for (var i = 0; i < parameters.Length; i++)
        {
            var p = parameters[i];
            var type = p.ParameterType;
            if (p.Name is { } name && given.Remove(name, out var value))
            {
                sources[i] = (Kind.Argument, p, Convert(task, p, value));
            }
            else if (type == typeof(CancellationToken))
            {
                sources[i] = (Kind.Token, p, null);
            }
            else if (type == typeof(LifespanApp))
            {
                sources[i] = (Kind.App, p, null);
            }
            else if (type == typeof(IServiceProvider))
            {
                sources[i] = (Kind.Services, p, null);
            }
            else
            {
                sources[i] = (Kind.Service, p, null);
            }
        }

        if (given.Count > 0)
        {
            var names = string.Join(", ", parameters.Select(p => p.Name));
            throw new ArgumentException(
                $"Lifespan task '{task}' has no parameter named '{given.Keys.First()}' for the argument given at registration; its parameters are: {(names.Length == 0 ? "(none)" : names)}.",
                nameof(args));
        }

        return new ParameterBinder(task, sources);
    }

    /// <summary>Throws when a parameter left to dependency injection has no registration and no default.</summary>
    public void Validate(IServiceProvider services)
    {
        var isService = services.GetService<IServiceProviderIsService>();
        foreach (var (kind, p, _) in _sources)
        {
            if (kind == Kind.Service && !p.HasDefaultValue && isService is not null && !isService.IsService(p.ParameterType))
            {
                throw new InvalidOperationException(
                    $"Lifespan task '{_task}': nothing can supply parameter '{p.Name}' of type {TypeName(p.ParameterType)}. " +
                    "Pass it by name in the registration's args, register the type for dependency injection, or give the parameter a default value.");
            }
        }
    }

    public object?[] Bind(IServiceProvider services, LifespanApp app, CancellationToken token)
    {
        var values = new object?[_sources.Length];
        for (var i = 0; i < _sources.Length; i++)
        {
            var (kind, p, value) = _sources[i];
            values[i] = kind switch
            {
                Kind.Argument => value,
                Kind.Token => token,
                Kind.App => app,
                Kind.Services => services,
                _ => services.GetService(p.ParameterType) ?? (p.HasDefaultValue ? p.DefaultValue : throw new InvalidOperationException(
                    $"Lifespan task '{_task}': parameter '{p.Name}' of type {TypeName(p.ParameterType)} could not be resolved from dependency injection.")),
            };
        }

        return values;
    }

    private static Dictionary<string, object?> ReadArgs(string task, object? args)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        switch (args)
        {
            case null:
                break;
            case IEnumerable<KeyValuePair<string, object?>> pairs:
                foreach (var (k, v) in pairs)
                {
                    result[k] = v;
                }

                break;
            case IDictionary dictionary:
                foreach (DictionaryEntry e in dictionary)
                {
                    result[e.Key.ToString() ?? throw new ArgumentException($"Lifespan task '{task}': an args key is null.", nameof(args))] = e.Value;
                }

                break;
            default:
                foreach (var property in args.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
                {
                    if (property.GetIndexParameters().Length == 0)
                    {
                        result[property.Name] = property.GetValue(args);
                    }
                }

                break;
        }

        return result;
    }

    private static object? Convert(string task, ParameterInfo p, object? value)
    {
        var type = p.ParameterType;
        if (value is null)
        {
            return !type.IsValueType || Nullable.GetUnderlyingType(type) is not null
                ? null
                : throw new ArgumentException(
                    $"Lifespan task '{task}': argument '{p.Name}' is null, but the parameter is {Wording.AType(type)}, which cannot be null; " +
                    $"pass {Wording.AType(type)}, or declare the parameter as {TypeName(type)}?.");
        }

        if (type.IsInstanceOfType(value))
        {
            return value;
        }

        var target = Nullable.GetUnderlyingType(type) ?? type;
        try
        {
            if (value is IConvertible && typeof(IConvertible).IsAssignableFrom(target) && !target.IsEnum)
            {
                return System.Convert.ChangeType(value, target, System.Globalization.CultureInfo.InvariantCulture);
            }
        }
        catch (Exception ex) when (ex is FormatException or InvalidCastException or OverflowException)
        {
            var why = ex is OverflowException ? "which is out of range for" : "which does not convert to";
            throw new ArgumentException($"Lifespan task '{task}': argument '{p.Name}' is {Wording.Value(value)}, {why} {Wording.AType(type)}; pass {Wording.AType(type)} instead.", ex);
        }

        throw new ArgumentException(
            $"Lifespan task '{task}': argument '{p.Name}' is {Wording.Value(value)}, but the parameter is {Wording.AType(type)}; pass {Wording.AType(type)} instead.");
    }

    /// <summary>The type as C# code names it: <c>int</c>, <c>string</c>, <c>Task&lt;int&gt;</c>.</summary>
    internal static string TypeName(Type type) => Wording.TypeName(type);
}
