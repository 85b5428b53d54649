using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace Demo.Host.Tests;

/// <summary>Demo.Host started as a real process, with its output captured line by line.</summary>
internal sealed partial class DemoHostProcess : IAsyncDisposable
{
    private static readonly string[] AddressSettings = ["URLS", "HTTP_PORTS", "HTTPS_PORTS"];
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly List<(string Text, TaskCompletionSource Seen)> _waiters = [];

    private DemoHostProcess(Process process) => _process = process;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>The address Kestrel printed ("Now listening on: ..."), once it has.</summary>
    public Uri? Address { get; private set; }

    /// <summary>
    /// Starts Demo.Host with <paramref name="environment"/> added to its environment and <paramref name="arguments"/> as
    /// its command line; without arguments it gets <c>--urls http://127.0.0.1:0</c> (a free port, read from
    /// <see cref="Address"/>). Address settings inherited from the test's own environment are removed first.
    /// </summary>
    public static DemoHostProcess Start(IReadOnlyDictionary<string, string>? environment = null, IReadOnlyList<string>? arguments = null)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(DllPath)!,
        };
        info.ArgumentList.Add(DllPath);
        foreach (var argument in arguments ?? ["--urls", "http://127.0.0.1:0"])
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var inherited in info.Environment.Keys.Where(IsAddressSetting).ToList())
        {
            info.Environment.Remove(inherited);
        }

        info.Environment["DOTNET_ENVIRONMENT"] = "Production";
        info.Environment["Logging__Console__FormatterName"] = "simple";
        info.Environment["Logging__Console__FormatterOptions__SingleLine"] = "true";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var host = new DemoHostProcess(process);
        process.OutputDataReceived += (_, e) => host.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => host.OnLine(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return host;
    }

    /// <summary>Completes when a line containing <paramref name="text"/> has been printed; fails after <paramref name="timeout"/>.</summary>
    public async Task WaitForOutputAsync(string text, TimeSpan timeout)
    {
        TaskCompletionSource seen;
        lock (_output)
        {
            if (_output.ToString().Contains(text, StringComparison.Ordinal))
            {
                return;
            }

            seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((text, seen));
        }

        try
        {
            await seen.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Demo.Host did not print '{text}' within {timeout}. Output so far:\n{Output}");
        }
    }

    public void Signal(int signal)
    {
        if (Kill(_process.Id, signal) != 0)
        {
            throw new InvalidOperationException($"kill({_process.Id}, {signal}) failed with errno {Marshal.GetLastPInvokeError()}.");
        }
    }

    /// <summary>The index of the first output line containing <paramref name="text"/>, or -1.</summary>
    public int LineOf(string text) => Output.Split('\n').ToList().FindIndex(l => l.Contains(text, StringComparison.Ordinal));

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"Demo.Host did not exit within {timeout}. Output:\n{Output}");
        }

        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        const string listening = "Now listening on: ";
        var at = line.IndexOf(listening, StringComparison.Ordinal);
        if (at >= 0 && Address is null)
        {
            Address = new Uri(line[(at + listening.Length)..].Trim());
        }

        lock (_output)
        {
            _output.AppendLine(line);
            var text = _output.ToString();
            foreach (var waiter in _waiters.Where(w => text.Contains(w.Text, StringComparison.Ordinal)).ToList())
            {
                waiter.Seen.TrySetResult();
                _waiters.Remove(waiter);
            }
        }
    }

    /// <summary>Whether an environment variable chooses where ASP.NET Core listens.</summary>
    private static bool IsAddressSetting(string name) =>
        name.StartsWith("Kestrel__", StringComparison.OrdinalIgnoreCase) ||
        AddressSettings.Any(setting =>
            string.Equals(name, setting, StringComparison.OrdinalIgnoreCase) ||
            string.Equals(name, "ASPNETCORE_" + setting, StringComparison.OrdinalIgnoreCase) ||
            string.Equals(name, "DOTNET_" + setting, StringComparison.OrdinalIgnoreCase));

    private static string DllPath
    {
        get
        {
            // tests/Demo.Host.Tests/bin/<Configuration>/net10.0 → src/Demo.Host/bin/<Configuration>/net10.0
            var testDir = new DirectoryInfo(AppContext.BaseDirectory);
            var framework = testDir.Name;
            var configuration = testDir.Parent!.Name;
            var repo = testDir.Parent!.Parent!.Parent!.Parent!.Parent!.FullName;
            var path = Path.Combine(repo, "src", "Demo.Host", "bin", configuration, framework, "Demo.Host.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException($"Demo.Host is not built at {path}; build the solution first.", path);
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
