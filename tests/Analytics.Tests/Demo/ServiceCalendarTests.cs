using Analytics.Ingest.Demo;

namespace Analytics.Tests.Demo;

public sealed class ServiceCalendarTests
{
    private static readonly ServiceCalendar Calendar = ServiceCalendar.China;

    private static DateTime At(string text) => DateTime.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("2025-03-04 10:00", 120, "2025-03-04 12:00")]
    [InlineData("2025-03-04 16:30", 120, "2025-03-05 10:30")]
    [InlineData("2025-03-04 07:00", 60, "2025-03-04 10:00")]
    [InlineData("2025-03-04 18:00", 30, "2025-03-05 09:30")]
    [InlineData("2025-03-08 10:00", 60, "2025-03-08 11:00")]
    [InlineData("2025-03-04 09:00", 480, "2025-03-04 17:00")]
    public void Service_time_runs_from_nine_to_five_every_day(string start, int minutes, string expected)
    {
        Assert.Equal(At(expected), Calendar.Add(At(start), TimeSpan.FromMinutes(minutes)));
        Assert.Equal(TimeSpan.FromMinutes(minutes), Calendar.Between(At(start), At(expected)));
    }

    [Fact]
    public void The_clock_stops_over_a_whole_holiday_period()
    {
        // 2025 Spring Festival: 28 January to 4 February.
        Assert.Equal(At("2025-02-05 10:30"), Calendar.Add(At("2025-01-27 16:30"), TimeSpan.FromHours(2)));
        Assert.Equal(TimeSpan.FromHours(2), Calendar.Between(At("2025-01-27 16:30"), At("2025-02-05 10:30")));
        Assert.Equal(At("2025-02-05 09:00"), Calendar.NextServiceMoment(At("2025-01-30 11:00")));
    }

    [Fact]
    public void The_window_opens_at_nine_and_closes_before_five_outside_holidays()
    {
        Assert.True(Calendar.IsInWindow(At("2025-03-09 09:00")));
        Assert.True(Calendar.IsInWindow(At("2025-03-09 16:59:59")));
        Assert.False(Calendar.IsInWindow(At("2025-03-09 17:00")));
        Assert.False(Calendar.IsInWindow(At("2025-03-09 08:59:59")));
        Assert.False(Calendar.IsInWindow(At("2025-10-03 10:00")));
        Assert.True(Calendar.IsHoliday(new DateOnly(2020, 2, 2)));
        Assert.False(Calendar.IsHoliday(new DateOnly(2025, 2, 8)));
    }

    [Fact]
    public void No_service_time_passes_between_a_moment_and_an_earlier_one()
    {
        Assert.Equal(TimeSpan.Zero, Calendar.Between(At("2025-03-04 12:00"), At("2025-03-04 11:00")));
        Assert.Equal(TimeSpan.Zero, Calendar.Between(At("2025-03-04 18:00"), At("2025-03-05 08:00")));
    }
}
