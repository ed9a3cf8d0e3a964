using Analytics.ReportApi.Cli;

return await CommandLine.RunAsync(args, Console.Out, Console.Error);

/// <summary>The entry point; public so functional tests can start the real app.</summary>
public partial class Program;
