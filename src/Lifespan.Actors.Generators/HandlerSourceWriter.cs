using System.Collections.Generic;
using System.Text;

namespace Lifespan.Actors.Generators;

/// <summary>Writes a state class's <c>Handlers</c> and its typed <c>Events</c>.</summary>
internal static class HandlerSourceWriter
{
    private const string Handler = "global::Lifespan.Actors.State.StateHandler";
    private const string Event = "global::Lifespan.Actors.State.StateEvent";

    public static void Write(CodeWriter w, StateClassModel model)
    {
        w.Line();
        w.Line("private static readonly " + Handler + "[] __lsa_OwnHandlers = new " + Handler + "[]");
        w.Open();
        foreach (var h in model.Handlers)
        {
            WriteHandler(w, model, h);
        }

        w.Close(";");
        w.Line();

        var listType = "global::System.Collections.Generic.IReadOnlyList<" + Handler + ">";
        var access = model.OverrideAccessibility + " override ";
        if (model.CallBase)
        {
            WriteCombinedHandlers(w, listType, access);
        }
        else
        {
            w.Line("/// <inheritdoc />");
            w.Line(access + listType + " Handlers => __lsa_OwnHandlers;");
        }

        w.Line();
        WriteEvents(w, model);
    }

    private static void WriteHandler(CodeWriter w, StateClassModel model, HandlerModel h)
    {
        var names = new List<string>();
        var arguments = new List<string>();
        var bound = new List<string>();   // the arguments read from the event, without the token
        foreach (var p in h.Parameters)
        {
            if (p.IsCancellationToken)
            {
                arguments.Add("ct");
                continue;
            }

            var index = names.Count;
            names.Add(Quote(p.Name));
            bound.Add(p.DefaultValue is null
                ? "a.Get<" + p.Type + ">(" + index + ", " + Quote(p.Name) + ")"
                : "a.GetOrDefault<" + p.Type + ">(" + index + ", " + Quote(p.Name) + ", " + (p.DefaultValue == "default" ? "default!" : p.DefaultValue) + ")");
            arguments.Add(bound[bound.Count - 1]);
        }

        var target = "((" + model.FullName + ")s)";
        string invoke;
        if (h.SetterProperty is not null)
        {
            invoke = "static (s, a, ct) => { " + target + "." + h.SetterProperty + " = " + arguments[0] + "; return null; }";
        }
        else
        {
            var call = target + "." + h.Identifier + "(" + string.Join(", ", arguments) + ")";
            invoke = h.ReturnsVoid ? "static (s, a, ct) => { " + call + "; return null; }" : "static (s, a, ct) => " + call;
        }

        w.Line("new " + Handler + "(");
        w.Line("    " + Quote(h.Name) + ",");
        w.Line("    " + (names.Count == 0 ? "global::System.Array.Empty<string>()" : "new string[] { " + string.Join(", ", names) + " }") + ",");
        w.Line("    " + invoke + ",");
        w.Line("    isBackground: " + Bool(h.IsBackground) + ",");

        // A background task's session binds its arguments before starting it, and the task is invoked with them converted.
        var bind = h.IsBackground && bound.Count > 0;
        w.Line("    cancelOnDisconnect: " + Bool(h.CancelOnDisconnect) + (bind ? "," : "),"));
        if (bind)
        {
            w.Line("    bind: static a => new object?[] { " + string.Join(", ", bound) + " }),");
        }
    }

    private static void WriteCombinedHandlers(CodeWriter w, string listType, string access)
    {
        w.Line("private static " + Handler + "[]? __lsa_AllHandlers;");
        w.Line();
        w.Line("/// <inheritdoc />");
        w.Line(access + listType + " Handlers => __lsa_AllHandlers ??= __lsa_CombineHandlers(base.Handlers);");
        w.Line();
        w.Line("private static " + Handler + "[] __lsa_CombineHandlers(" + listType + " inherited)");
        w.Open();
        w.Line("var all = new global::System.Collections.Generic.List<" + Handler + ">(inherited.Count + __lsa_OwnHandlers.Length);");
        w.Line("foreach (var handler in inherited)");
        w.Open();
        w.Line("var replaced = false;");
        w.Line("foreach (var own in __lsa_OwnHandlers)");
        w.Open();
        w.Line("replaced |= own.Name == handler.Name;");
        w.Close();
        w.Line();
        w.Line("if (!replaced)");
        w.Open();
        w.Line("all.Add(handler);");
        w.Close();
        w.Close();
        w.Line();
        w.Line("all.AddRange(__lsa_OwnHandlers);");
        w.Line("return all.ToArray();");
        w.Close();
    }

    private static void WriteEvents(CodeWriter w, StateClassModel model)
    {
        w.Line("/// <summary>Typed events addressed to the handlers of <c>" + model.SimpleName + "</c>, for a handler to return.</summary>");
        w.Line("public " + (model.CallBase ? "new " : string.Empty) + "static class Events");
        w.Open();
        var first = true;
        foreach (var h in Concat(model.InheritedHandlers, model.Handlers))
        {
            if (!first)
            {
                w.Line();
            }

            first = false;
            var parameters = new StringBuilder();
            var arguments = new List<string>();
            foreach (var p in h.Parameters)
            {
                if (p.IsCancellationToken)
                {
                    continue;
                }

                parameters.Append(arguments.Count == 0 ? string.Empty : ", ").Append(p.Type).Append(' ').Append(p.Identifier);
                if (p.DefaultValue is not null)
                {
                    parameters.Append(" = ").Append(p.DefaultValue);
                }

                arguments.Add(p.Identifier);
            }

            var qualified = model.SimpleName + "." + h.Name;
            var array = arguments.Count == 0 ? "global::System.Array.Empty<object?>()" : "new object?[] { " + string.Join(", ", arguments) + " }";
            w.Line("/// <summary>The event <c>" + qualified + "</c>.</summary>");
            w.Line("public static " + Event + " " + h.Identifier + "(" + parameters + ") =>");
            w.Line("    " + Event + ".FromArguments(" + Quote(qualified) + ", " + array + ");");
        }

        w.Close();
    }

    private static IEnumerable<HandlerModel> Concat(EquatableArray<HandlerModel> first, EquatableArray<HandlerModel> second)
    {
        foreach (var h in first)
        {
            yield return h;
        }

        foreach (var h in second)
        {
            yield return h;
        }
    }

    private static string Quote(string text) => "\"" + text + "\"";

    private static string Bool(bool value) => value ? "true" : "false";
}
