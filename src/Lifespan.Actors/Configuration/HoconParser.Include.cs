using System.Text;

namespace Lifespan.Actors.Configuration;

/// <summary>Include statements: <c>include "f"</c>, <c>include file("f")</c>, <c>include required("f")</c>, <c>include required(file("f"))</c>.</summary>
internal sealed partial class HoconParser
{
    private const string IncludeForms = "include \"file.conf\", include file(\"file.conf\"), include required(\"file.conf\") or include required(file(\"file.conf\"))";

    private void ParseInclude(HoconObject target)
    {
        var include = Current;
        _index++;
        SkipWhitespace(newlines: true);

        var opening = new StringBuilder();
        while (Current.Kind is HoconTokenKind.UnquotedString or HoconTokenKind.Whitespace)
        {
            if (Current.Kind == HoconTokenKind.UnquotedString)
            {
                opening.Append(Current.Text);
            }

            _index++;
        }

        if (Current.Kind != HoconTokenKind.QuotedString)
        {
            throw Current.Location.Error(
                $"expected a quoted file name after 'include', found {Current.Describe()}; write {IncludeForms} (quote \"include\" to use it as a key)");
        }

        var name = Current;
        _index++;
        var (required, parentheses) = opening.ToString() switch
        {
            "" => (false, 0),
            "file(" => (false, 1),
            "required(" => (true, 1),
            "required(file(" => (true, 2),
            var form when form.Contains("url(", StringComparison.Ordinal) || form.Contains("classpath(", StringComparison.Ordinal) =>
                throw include.Location.Error($"'include {form}...' is not supported; only files can be included: {IncludeForms}"),
            var form => throw include.Location.Error($"unknown include form 'include {form}\"...\"'; write {IncludeForms}"),
        };

        while (parentheses > 0)
        {
            SkipWhitespace(newlines: false);
            if (Current.Kind != HoconTokenKind.UnquotedString || Current.Text.Any(c => c != ')') || Current.Text.Length > parentheses)
            {
                throw Current.Location.Error($"expected ')' to close the include statement, found {Current.Describe()}");
            }

            parentheses -= Current.Text.Length;
            _index++;
        }

        Include(target, name.Text, required, include.Location);
    }

    private void Include(HoconObject target, string name, bool required, HoconLocation location)
    {
        // Read as HOCON, a properties file would half work (a.b=1) and half fail far from the include (key value,
        // '\' continuations); and a missing optional one would vanish silently. Refuse the statement itself.
        if (name.EndsWith(".properties", StringComparison.OrdinalIgnoreCase))
        {
            throw location.Error($"cannot include '{name}': Java .properties files are not supported; include a HOCON (.conf) or JSON (.json) file");
        }

        IReadOnlyList<HoconIncludedFile> files;
        try
        {
            files = _includes.Resolve(_fileName, name);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw location.Error($"cannot read included file '{name}': {ex.Message}");
        }

        if (files.Count == 0)
        {
            if (required)
            {
                throw location.Error($"required include '{name}' was not found{(_fileName is null ? " (relative to the current directory)" : string.Empty)}");
            }

            return;
        }

        foreach (var file in files)
        {
            var comparer = OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;
            if (_includeChain.Contains(file.Name, comparer))
            {
                throw location.Error($"include cycle: {string.Join(" -> ", _includeChain.Append(file.Name))}");
            }

            var included = new HoconParser(file.Text, file.Name, _includes, [.. _includeChain, file.Name], [.. _path]).ParseRoot();
            foreach (var (key, value) in included.Fields)
            {
                HoconMerge.Assign(target, key, value);
            }
        }
    }
}
