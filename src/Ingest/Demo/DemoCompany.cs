using System.Diagnostics;
using System.Text;

namespace Analytics.Ingest.Demo;

/// <summary>
/// Writes a demo key-account business as the canonical files of shared/CONTRACT.md: the same options
/// always give byte-identical files. Accounts are simulated in parallel batches and written in account
/// order, so memory stays flat however many order lines the company has.
/// </summary>
public static class DemoCompany
{
    private const int Batch = 256;

    private static readonly (string Entity, string Header)[] Files =
    [
        ("accounts", "account_id,name,tax_id,industry,region,city,owner,created_on,english_name,contact_name,contact_phone,contact_consent,parent_account_id"),
        ("products", "product_id,name,category,list_price,unit_cost"),
        ("contracts", "contract_id,account_id,start_date,end_date,auto_renew,notice_days,renewal_months,annual_fee,payment_terms_days,"
            + "margin_cap_pct,penalty_threshold_pct,response_hours,onsite_hours,service_start,service_end,time_zone,holiday_calendar,terminated_on"),
        ("orders", "order_id,account_id,order_date,channel,contract_id,amount,invoice_date,due_date,paid_date"),
        ("order_lines", "order_id,line_no,product_id,quantity,unit_price,unit_cost,discount"),
        ("tickets", "ticket_id,account_id,contract_id,kind,priority,contact,is_designated_contact,opened_at,first_response_at,onsite_at,resolved_at,closed_at,satisfaction,engineer,site"),
    ];

    /// <summary>The demo company's regions (华东, 华北, ...), the setting company.regions of a warehouse it fills.</summary>
    public static IReadOnlyList<string> Regions => Cities.Regions;

    public static DemoSummary Write(string outDir, DemoOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var clock = Stopwatch.StartNew();
        Directory.CreateDirectory(outDir);
        var world = new DemoWorld(options, ServiceCalendar.China);
        var paths = Files.Select(f => Path.Combine(outDir, f.Entity + ".csv")).ToArray();
        // The answer key sits in a folder of its own, so loading the company's folder never takes it for data.
        Directory.CreateDirectory(Path.Combine(outDir, "truth"));
        var campaign = (Targeted: new List<string>(), Control: new List<string>());
        var counts = WriteFiles(world, paths, Path.Combine(outDir, "truth", "duplicates.csv"), campaign);
        return new DemoSummary(outDir, world.Start, world.End,
            Files.Select((f, i) => new DemoFile(f.Entity, paths[i], counts[i])).ToList(), clock.Elapsed,
            new DemoCampaignList(DemoCampaign.Name, DemoCampaign.FrozenOn(world.End), campaign.Targeted, campaign.Control));
    }

    private static long[] WriteFiles(DemoWorld world, string[] paths, string truthPath, (List<string> Targeted, List<string> Control) campaign)
    {
        var writers = paths.Select(Open).Append(Open(truthPath)).ToArray();
        try
        {
            for (var i = 0; i < Files.Length; i++)
            {
                writers[i].Write(Encoding.UTF8.GetBytes(Files[i].Header + "\n"));
            }

            writers[^1].Write(Encoding.UTF8.GetBytes("account_id,other_account_id,same_company,variation\n"));

            var products = new CsvRows();
            foreach (var p in ProductCatalog.All)
            {
                products.Text(p.Id).Text(p.Name).Text(p.Category).Money(p.ListPrice).Money(p.UnitCost).EndRow();
            }

            products.MoveTo(writers[1]);
            // Two sets of slots: one batch is simulated while the one before it is written.
            var accounts = world.Options.Accounts;
            var slots = new[] { NewSlots(accounts), NewSlots(accounts) };
            var pending = Simulate(world, slots[0], 0);
            for (var first = 0; first < accounts; first += Batch)
            {
                var count = pending.Result;
                var current = slots[(first / Batch) % 2];
                pending = first + Batch < accounts ? Simulate(world, slots[((first / Batch) + 1) % 2], first + Batch) : Task.FromResult(0);
                for (var i = 0; i < count; i++)
                {
                    var rows = current[i];
                    rows.Accounts.MoveTo(writers[0]);
                    rows.Contracts.MoveTo(writers[2]);
                    rows.Orders.MoveTo(writers[3]);
                    rows.OrderLines.MoveTo(writers[4]);
                    rows.Tickets.MoveTo(writers[5]);
                    rows.Truth.MoveTo(writers[6]);
                    (rows.Campaign switch { CampaignGroup.Targeted => campaign.Targeted, CampaignGroup.Control => campaign.Control, _ => null })
                        ?.Add(AccountProfile.Id(first + i + 1));
                }
            }

            // Each slot's counters ran over all the accounts it held.
            var all = slots.SelectMany(s => s).ToList();
            return
            [
                all.Sum(s => s.Accounts.Count), products.Count, all.Sum(s => s.Contracts.Count),
                all.Sum(s => s.Orders.Count), all.Sum(s => s.OrderLines.Count), all.Sum(s => s.Tickets.Count),
            ];
        }
        finally
        {
            foreach (var w in writers)
            {
                w.Dispose();
            }
        }
    }

    private static DemoRows[] NewSlots(int accounts) => Enumerable.Range(0, Math.Min(Batch, accounts)).Select(_ => new DemoRows()).ToArray();

    /// <summary>Simulates the batch of accounts from <paramref name="first"/> into the slots; the result is how many.</summary>
    private static Task<int> Simulate(DemoWorld world, DemoRows[] slots, int first)
    {
        var count = Math.Min(Batch, world.Options.Accounts - first);
        return Task.Run(() =>
        {
            Parallel.For(0, count, i => AccountSimulator.Run(world, first + i, slots[i]));
            return count;
        });
    }

    // UTF-8 without a byte order mark: CsvRows hands over bytes already encoded.
    private static FileStream Open(string path) => new(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
}
