using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;

namespace Analytics.Warehouse.Marts;

/// <summary>
/// Runs the service's refresh so that readers come first: on a thread of its own that Linux schedules only when no
/// other thread wants a core (SCHED_IDLE), with DuckDB keeping every core.
/// Why not fewer threads: DuckDB's thread count belongs to the database instance, so a refresh that left the readers a
/// core (threads = cores - 1) also gave each reader's query one thread fewer. On 2 cores a query that used both when
/// idle then ran on one, about twice as slow (2.2-2.4x at p95 at 146,000 accounts). Here a reader's own thread takes a
/// core from the refresh's thread at once, and DuckDB's worker threads share the other between the reader's tasks and
/// the refresh's, a slice at a time (<see cref="RefreshSettings"/>); with no reader, the refresh uses every core.
/// Why not DuckDB's workers at idle priority too (started again from an idle thread): a reader's tasks on them then
/// shared a core with the refresh's thread, and its requests were slower (top accounts at 50,000, p95 during the
/// refresh 132-160 ms against 119-122 with the workers at the normal policy).
/// The thread is new for each refresh and ends with it: an unprivileged thread cannot leave SCHED_IDLE again, so a
/// pooled thread must never be the one lowered. SCHED_RESET_ON_FORK keeps any thread it starts at the normal policy.
/// Elsewhere than Linux (or where the kernel refuses) the work runs as it is, on the caller's thread.
/// </summary>
public static class ReaderFirst
{
    private const int SchedIdle = 5;
    private const int SchedResetOnFork = 0x40000000;

    /// <summary>
    /// Runs <paramref name="work"/> on a new idle-priority thread and waits for it; the work is told whether the thread
    /// was lowered (if not, it should leave the readers a core some other way).
    /// </summary>
    public static T Run<T>(Func<bool, T> work)
    {
        if (!OperatingSystem.IsLinux())
        {
            return work(false);
        }

        T result = default!;
        ExceptionDispatchInfo? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                result = work(LowerThisThread());
            }
            catch (Exception e)
            {
                failure = ExceptionDispatchInfo.Capture(e);
            }
        })
        {
            Name = "mart refresh (readers first)",
            IsBackground = true,
        };
        thread.Start();
        thread.Join();
        failure?.Throw();
        return result;
    }

    /// <summary>Whether the calling thread runs at idle priority (for tests).</summary>
    public static bool IsThisThreadIdle() => OperatingSystem.IsLinux() && (sched_getscheduler(0) & ~SchedResetOnFork) == SchedIdle;

    // pid 0 is the calling thread: Linux keeps a scheduling policy per thread.
    private static bool LowerThisThread()
    {
        var priority = 0;
        return sched_setscheduler(0, SchedIdle | SchedResetOnFork, ref priority) == 0;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int sched_setscheduler(int pid, int policy, ref int param);

    [DllImport("libc", SetLastError = true)]
    private static extern int sched_getscheduler(int pid);
}
