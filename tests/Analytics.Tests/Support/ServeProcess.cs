using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Analytics.Tests.Support;

/// <summary>'analytics serve' in its own process on a free local port, holding the warehouse file as a user's would.</summary>
public static class ServeProcess
{
    /// <summary>Starts serve on <paramref name="database"/> (without the demo or training) and returns once it listens.</summary>
    public static async Task<(Process Serve, int Port)> StartAsync(TempFolder folder, string database)
    {
        ArgumentNullException.ThrowIfNull(folder);
        var port = FreePort();
        var serve = AnalyticsProcess.Start(folder.Path, "serve", "--urls", $"http://127.0.0.1:{port}", "--db", database,
            "--inbox", folder.File("inbox"), "--Analytics:DemoOnFirstRun=false", "--Analytics:TrainOnFirstRun=false");
        var listening = new TaskCompletionSource();
        serve.OutputDataReceived += (_, e) =>
        {
            if (e.Data?.Contains("Now listening", StringComparison.Ordinal) == true)
            {
                listening.TrySetResult();
            }
        };
        serve.BeginOutputReadLine();
        try
        {
            await listening.Task.WaitAsync(TimeSpan.FromMinutes(2));
            return (serve, port);
        }
        catch
        {
            await Stop(serve);
            throw;
        }
    }

    public static async Task Stop(Process serve)
    {
        ArgumentNullException.ThrowIfNull(serve);
        serve.Kill(entireProcessTree: true);
        await serve.WaitForExitAsync();
        serve.Dispose();
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
