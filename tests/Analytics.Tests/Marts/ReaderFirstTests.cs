using Analytics.Warehouse.Marts;

namespace Analytics.Tests.Marts;

/// <summary>
/// The service's refresh runs on a thread of its own at idle priority, so that a reader's thread takes a core from it
/// at once: the caller's thread (a pooled one, in the service) is never the one lowered, since an unprivileged thread
/// cannot come back; the work's result and failure reach the caller; threads the work starts run at the normal policy.
/// </summary>
public sealed class ReaderFirstTests
{
    [Fact]
    public void The_work_runs_on_a_new_idle_thread_and_the_callers_thread_stays_as_it_was()
    {
        var caller = Environment.CurrentManagedThreadId;

        var (lowered, idle, thread) = ReaderFirst.Run(lowered => (lowered, ReaderFirst.IsThisThreadIdle(), Environment.CurrentManagedThreadId));

        Assert.True(OperatingSystem.IsLinux(), "the service runs on Linux; elsewhere the refresh leaves the readers a core instead");
        Assert.True(lowered);
        Assert.True(idle);
        Assert.NotEqual(caller, thread);
        Assert.False(ReaderFirst.IsThisThreadIdle());
    }

    [Fact]
    public void A_failure_of_the_work_reaches_the_caller_as_it_was()
    {
        var error = Assert.Throws<InvalidOperationException>(() => ReaderFirst.Run<int>(_ => throw new InvalidOperationException("the mart orders failed")));

        Assert.Equal("the mart orders failed", error.Message);
        Assert.Contains(nameof(A_failure_of_the_work_reaches_the_caller_as_it_was), error.StackTrace, StringComparison.Ordinal);
    }

    [Fact]
    public void A_thread_the_work_starts_runs_at_the_normal_policy()
    {
        var startedIdle = ReaderFirst.Run(_ =>
        {
            var idle = true;
            var child = new Thread(() => idle = ReaderFirst.IsThisThreadIdle());
            child.Start();
            child.Join();
            return idle;
        });

        Assert.False(startedIdle);
    }
}
