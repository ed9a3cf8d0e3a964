using System.Globalization;
using System.Text;
using Analytics.Ingest;
using Analytics.Ingest.Inbox;
using Analytics.Ingest.Loading;
using Analytics.Tests.Support;

namespace Analytics.Tests.Inbox;

/// <summary>
/// Whatever the copier does, the inbox never files away half a file: names still being written are skipped, a file
/// must be quiet for the quiet period, a file that changes while it loads stays for the next scan, and links are
/// never followed. Time is given to each scan and files' times are set, so no test depends on the machine's speed.
/// </summary>
public sealed class InboxSafetyTests : IDisposable
{
    private static readonly DateTime Written = new(2026, 3, 2, 8, 0, 0, DateTimeKind.Utc);

    private readonly TestWarehouse _warehouse = new();

    public void Dispose() => _warehouse.Dispose();

    private string InboxPath => _warehouse.Folder.File("inbox");

    private static string Accounts(int from, int to)
    {
        var text = new StringBuilder();
        for (var account = from; account <= to; account++)
        {
            text.Append(CultureInfo.InvariantCulture, $"A{account},公司{account}\n");
        }

        return text.ToString();
    }

    private string Drop(string name, string content)
    {
        var path = _warehouse.Write($"inbox/{name}", content);
        File.SetLastWriteTimeUtc(path, Written);
        return path;
    }

    private List<string> InInbox() => Directory.EnumerateFileSystemEntries(InboxPath)
        .Where(p => !Directory.Exists(p) || File.GetAttributes(p).HasFlag(FileAttributes.ReparsePoint))
        .Select(p => Path.GetFileName(p)!).Order(StringComparer.Ordinal).ToList();

    private static List<string> In(string folder) => Directory.Exists(folder)
        ? Directory.GetFiles(folder).Select(p => Path.GetFileName(p)!).Order(StringComparer.Ordinal).ToList()
        : [];

    private long AccountCount() => _warehouse.Scalar<long>("select count(*) from core.accounts");

    [Fact]
    public void A_file_that_grows_while_it_loads_stays_in_the_inbox_with_a_warning_and_its_whole_content_loads_as_a_newer_file()
    {
        var path = Drop("accounts.csv", "account_id,name\n" + Accounts(1, 500));
        var copierStillWriting = true;
        // The copier writes its second half after the loader hashed the file and before the reader reads it.
        var loader = new FileLoader(_warehouse.Database)
        {
            BeforeRead = p =>
            {
                if (copierStillWriting)
                {
                    File.AppendAllText(p, Accounts(501, 1000));
                    File.SetLastWriteTimeUtc(p, Written.AddSeconds(1));
                    copierStillWriting = false;
                }
            },
        };
        var inbox = new InboxFolder(InboxPath, loader);

        var first = Assert.Single(inbox.ScanOnce(Written.AddMinutes(1)));

        Assert.Equal(["accounts.csv"], InInbox());
        Assert.Empty(In(inbox.DonePath));
        Assert.Equal(
            [$"accounts.csv changed while it was loaded (batch {first.BatchId}): it stays in the inbox, and its new content loads on a later scan as a newer file"],
            inbox.Warnings);

        var second = Assert.Single(inbox.ScanOnce(Written.AddMinutes(2)));

        Assert.Equal(LoadStatus.Loaded, second.Status);
        Assert.Equal(new BatchCounts(1000, 1000, 0, 0), second.Counts);
        Assert.NotEqual(first.Sha256, second.Sha256);
        Assert.Empty(inbox.Warnings);
        Assert.Equal(["accounts.csv"], In(inbox.DonePath));
        Assert.Empty(InInbox());
        Assert.Equal(1000, AccountCount());
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void A_file_quiet_for_less_than_5_seconds_waits_and_one_quiet_for_5_seconds_loads()
    {
        var inbox = new InboxFolder(InboxPath, new FileLoader(_warehouse.Database));
        Drop("accounts.csv", "account_id,name\n" + Accounts(1, 3));

        Assert.Equal(TimeSpan.FromSeconds(5), inbox.QuietPeriod);
        Assert.Empty(inbox.ScanOnce(Written.AddSeconds(4.9)));
        Assert.Equal(["accounts.csv"], InInbox());
        Assert.Equal(new BatchCounts(3, 3, 0, 0), Assert.Single(inbox.ScanOnce(Written.AddSeconds(5))).Counts);
    }

    [Fact]
    public void Names_still_being_written_and_hidden_files_are_never_loaded_and_a_part_file_loads_once_renamed()
    {
        var inbox = new InboxFolder(InboxPath, new FileLoader(_warehouse.Database));
        var part = Drop("accounts.csv.part", "account_id,name\n" + Accounts(1, 3));
        Drop("accounts.csv.tmp", "account_id,name\n" + Accounts(1, 3));
        Drop("accounts.csv.crdownload", "account_id,name\n" + Accounts(1, 3));
        Drop(".accounts.csv", "account_id,name\n" + Accounts(1, 3));
        Drop("~$accounts.csv", "account_id,name\n" + Accounts(1, 3));

        Assert.Empty(inbox.ScanOnce(Written.AddMinutes(1)));
        Assert.Equal(0, AccountCount());
        Assert.Equal([".accounts.csv", "accounts.csv.crdownload", "accounts.csv.part", "accounts.csv.tmp", "~$accounts.csv"], InInbox());

        File.Move(part, Path.Combine(InboxPath, "accounts.csv"));

        Assert.Equal(new BatchCounts(3, 3, 0, 0), Assert.Single(inbox.ScanOnce(Written.AddMinutes(1))).Counts);
        Assert.Equal(["accounts.csv"], In(inbox.DonePath));
    }

    [Fact]
    public void A_symlinked_file_is_not_followed_it_moves_to_failed_with_its_reason_and_its_target_is_untouched()
    {
        var inbox = new InboxFolder(InboxPath, new FileLoader(_warehouse.Database));
        var target = _warehouse.Write("elsewhere/accounts.csv", "account_id,name\n" + Accounts(1, 3));
        Directory.CreateDirectory(InboxPath);
        var link = File.CreateSymbolicLink(Path.Combine(InboxPath, "accounts.csv"), target);
        File.SetLastWriteTimeUtc(target, Written);

        Assert.Empty(inbox.ScanOnce(Written.AddMinutes(1)));

        Assert.Equal(0, AccountCount());
        Assert.Equal(["accounts.csv", "accounts.csv.reason.txt"], In(inbox.FailedPath));
        Assert.Equal("accounts.csv is a symbolic link: the inbox loads only files dropped into it and never follows links.",
            File.ReadAllText(Path.Combine(inbox.FailedPath, "accounts.csv.reason.txt")).Trim());
        Assert.NotNull(new FileInfo(Path.Combine(inbox.FailedPath, "accounts.csv")).LinkTarget);
        Assert.Equal(["accounts.csv is a symbolic link: the inbox loads only files dropped into it and never follows links; moved to failed/"], inbox.Warnings);
        Assert.True(File.Exists(target));
        Assert.False(File.Exists(link.FullName));
    }

    [Fact]
    public void A_symlinked_folder_in_the_inbox_is_not_entered()
    {
        var inbox = new InboxFolder(InboxPath, new FileLoader(_warehouse.Database));
        var target = _warehouse.Write("elsewhere/accounts.csv", "account_id,name\n" + Accounts(1, 3));
        Directory.CreateDirectory(InboxPath);
        Directory.CreateSymbolicLink(Path.Combine(InboxPath, "exports"), Path.GetDirectoryName(target)!);

        Assert.Empty(inbox.ScanOnce(Written.AddMinutes(1)));

        Assert.Equal(0, AccountCount());
        Assert.True(File.Exists(target));
    }
}
