using System.Net.Http.Json;
using System.Text.Json;
using Analytics.ReportApi.Access;

namespace Analytics.ReportApi.Cli;

/// <summary>
/// A verb sent to the service that holds the warehouse (its address and the operator secret from the file it
/// wrote beside the warehouse), for it to run on its own connection: never a second process opening the file.
/// </summary>
internal static class OperatorClient
{
    /// <summary>The verb's exit code; null when no service left an operator file this user can read.</summary>
    public static async Task<int?> RunAsync(Verb verb, IReadOnlyList<string> args, string warehousePath, TextWriter stdout, TextWriter stderr)
    {
        if (OperatorSecret.Read(warehousePath) is not { } service)
        {
            return null;
        }

        // A load takes minutes on a large file; the service answers when it is done.
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        var sent = verb.Name == LoadVerb.Definition.Name ? AbsolutePaths(args) : [.. args];
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"{service.Url}{AccessPolicy.OperatorPath}/{verb.Name}"))
        {
            Content = JsonContent.Create(new OperatorRun(sent)),
        };
        request.Headers.Add(OperatorSecret.HeaderName, service.Secret);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request);
        }
        catch (HttpRequestException e)
        {
            throw new IOException($"The warehouse {warehousePath} is held by a process, and no service answers at {service.Url}: {e.Message}", e);
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw new IOException($"The service at {service.Url} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            }

            var result = await response.Content.ReadFromJsonAsync<OperatorResult>()
                ?? throw new IOException($"The service at {service.Url} answered with no result.");
            await stdout.WriteAsync(AsGiven(result.Stdout, args, sent));
            await stderr.WriteAsync(AsGiven(result.Stderr, args, sent));
            return result.ExitCode;
        }
    }

    /// <summary>The paths in the output as the operator wrote them, so it reads as on the file itself.</summary>
    private static string AsGiven(string output, IReadOnlyList<string> given, List<string> sent)
    {
        for (var i = 0; i < given.Count; i++)
        {
            if (given[i] != sent[i])
            {
                output = output.Replace(sent[i], given[i], StringComparison.Ordinal)
                    .Replace(JsonSerializer.Serialize(sent[i])[1..^1], JsonSerializer.Serialize(given[i])[1..^1], StringComparison.Ordinal);
            }
        }

        return output;
    }

    /// <summary>The files and folders a load names, as the service (with another working folder) finds them.</summary>
    private static List<string> AbsolutePaths(IReadOnlyList<string> args) =>
        [.. args.Select((arg, i) => !arg.StartsWith("--", StringComparison.Ordinal)
            && (i == 0 || args[i - 1] is not ("--entity" or "--orphans" or "--db"))
            && (File.Exists(arg) || Directory.Exists(arg)) ? Path.GetFullPath(arg) : arg)];
}
