using System.Diagnostics;

namespace Analytics.Tests.Support;

/// <summary>Runs a program a user would run (python3, bash, dotnet run), with its own environment, and keeps what it printed.</summary>
public static class ExternalCommand
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr)
    {
        public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
    }

    /// <summary>
    /// The variables to start from: none of the MSBuild* ones dotnet test hands its test process (a nested dotnet run
    /// or analytics must find its own SDK), plus <paramref name="set"/>.
    /// </summary>
    public static Dictionary<string, string?> Environment(IReadOnlyDictionary<string, string?> set)
    {
        var environment = System.Environment.GetEnvironmentVariables().Keys.Cast<string>()
            .Where(n => n.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase))
            .ToDictionary(n => n, _ => (string?)null, StringComparer.Ordinal);
        foreach (var (name, value) in set)
        {
            environment[name] = value;
        }

        return environment;
    }

    /// <param name="environment">variables set (or, with a null value, removed) for the program.</param>
    /// <param name="hangAfter">a guard against a program that never ends, far above any normal run (not a time limit under test).</param>
    public static async Task<Result> RunAsync(
        string program, IEnumerable<string> args, string workingDirectory, IReadOnlyDictionary<string, string?> environment, TimeSpan hangAfter)
    {
        var info = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                info.Environment.Remove(name);
            }
            else
            {
                info.Environment[name] = value;
            }
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {program}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var hang = new CancellationTokenSource(hangAfter);
        try
        {
            await process.WaitForExitAsync(hang.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', args)} still ran after {hangAfter}: {await stdout}\n{await stderr}");
        }

        return new Result(process.ExitCode, await stdout, await stderr);
    }
}
