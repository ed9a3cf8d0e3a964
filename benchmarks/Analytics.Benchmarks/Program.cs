using Analytics.Benchmarks;

// One scenario per class; each prints its figures and the baseline it is compared with, from the same run.
return args switch
{
    ["load", .. var rest] => LoadBenchmark.Run(rest),
    ["load-groups", .. var rest] => GroupLoadBenchmark.Run(rest),
    ["marts", .. var rest] => MartBenchmark.Run(rest),
    ["marts-daily", .. var rest] => DailyRefreshBenchmark.Run(rest),
    ["dashboard", .. var rest] => await DashboardBenchmark.RunAsync(rest),
    ["odata", .. var rest] => ODataBenchmark.Run(rest),
    ["models", .. var rest] => ModelBenchmark.Run(rest),
    ["clv", .. var rest] => ClvBenchmark.Run(rest),
    ["account", .. var rest] => await AccountBenchmark.RunAsync(rest),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: dotnet run -c Release --project benchmarks/Analytics.Benchmarks -- load [--lines N] [--rounds N] [--dir DIR]");
    Console.Error.WriteLine("       dotnet run -c Release --project benchmarks/Analytics.Benchmarks -- load-groups [--accounts N] [--dir DIR]");
    Console.Error.WriteLine("       dotnet run -c Release --project benchmarks/Analytics.Benchmarks -- marts [--accounts N[,N...]] [--dir DIR] [--reuse] [--readers] [--dump DIR] [--explain m1,m2] [--no-daily]");
    Console.Error.WriteLine("       dotnet run -c Release --project benchmarks/Analytics.Benchmarks -- marts-daily [--accounts N[,N...]] [--dir DIR] [--reuse] [--check] [--keep-loaded]");
    Console.Error.WriteLine("       dotnet run -c Release --project benchmarks/Analytics.Benchmarks -- dashboard [--accounts N] [--runs N] [--dir DIR]");
    Console.Error.WriteLine("       dotnet run -c Release --project benchmarks/Analytics.Benchmarks -- odata [--accounts N] [--lines N] [--runs N] [--dir DIR]");
    Console.Error.WriteLine("       dotnet run -c Release --project benchmarks/Analytics.Benchmarks -- models [--accounts N] [--dir DIR]");
    Console.Error.WriteLine("       dotnet run -c Release --project benchmarks/Analytics.Benchmarks -- clv [--accounts N] [--rounds N] [--dir DIR]");
    Console.Error.WriteLine("       dotnet run -c Release --project benchmarks/Analytics.Benchmarks -- account [--accounts N] [--source DIR] [--dir DIR] [--reuse]");
    return 2;
}
