using Analytics.ReportApi.Charts;
using Analytics.ReportApi.Charts.Layout;

namespace Analytics.Tests.Charts;

/// <summary>The rules that keep a chart's texts apart, on cases worked out by hand.</summary>
public sealed class LayoutRuleTests
{
    [Fact]
    public void Twenty_four_months_on_600_pixels_name_every_third_month_counted_back_from_the_last()
    {
        // A slot is 600 / 24 = 25 px; a 50 px label and its 10 px gap need 60 px: ceil(60 / 25) = 3 slots.
        var step = TickThinning.Step(24, 600, 50);
        Assert.Equal(3, step);
        Assert.Equal([2, 5, 8, 11, 14, 17, 20, 23], Enumerable.Range(0, 24).Where(i => TickThinning.Shown(i, 24, step)));
    }

    [Theory]
    [InlineData(12, 650, 44, 1)] // 54.2 px slots hold 44 + 10
    [InlineData(12, 600, 46, 2)] // 50 px slots do not hold 56: every second
    [InlineData(1, 100, 300, 1)] // one category is always named
    [InlineData(3, 600, 150, 1)] // 200 px slots
    public void A_label_is_shown_in_every_slot_when_it_and_its_gap_fit(int categories, double width, double widest, int expected) =>
        Assert.Equal(expected, TickThinning.Step(categories, width, widest));

    [Fact]
    public void Every_second_of_twelve_months_leaves_the_last_month_named()
    {
        Assert.Equal([1, 3, 5, 7, 9, 11], Enumerable.Range(0, 12).Where(i => TickThinning.Shown(i, 12, 2)));
    }

    private static readonly PixelBox Area = new(100, 50, 700, 400);

    [Fact]
    public void A_note_stands_8_pixels_inside_each_corner_of_the_data_area()
    {
        Assert.Equal(new PixelBox(492, 352, 692, 392), NotePlacement.Box(Area, NoteCorner.LowerRight, 200, 40));
        Assert.Equal(new PixelBox(492, 58, 692, 98), NotePlacement.Box(Area, NoteCorner.UpperRight, 200, 40));
        Assert.Equal(new PixelBox(108, 58, 308, 98), NotePlacement.Box(Area, NoteCorner.UpperLeft, 200, 40));
        Assert.Equal(new PixelBox(108, 352, 308, 392), NotePlacement.Box(Area, NoteCorner.LowerLeft, 200, 40));
    }

    [Fact]
    public void A_note_goes_to_the_lower_right_when_nothing_is_drawn_there()
    {
        var bars = new[] { new PixelBox(150, 300, 190, 400), new PixelBox(250, 100, 290, 400) };
        Assert.Equal(NoteCorner.LowerRight, NotePlacement.FreeCorner(Area, 200, 40, bars));
    }

    [Fact]
    public void A_note_moves_off_a_bar_to_the_next_free_corner()
    {
        // The bar 480-520 x 300-400 reaches into the lower right box (492-692 x 352-392).
        Assert.Equal(NoteCorner.UpperRight, NotePlacement.FreeCorner(Area, 200, 40, [new PixelBox(480, 300, 520, 400)]));

        // A reference line at y = 70 crosses both upper boxes (58-98): the lower left is left.
        Assert.Equal(NoteCorner.LowerLeft, NotePlacement.FreeCorner(Area, 200, 40,
            [new PixelBox(480, 300, 520, 400), new PixelBox(100, 69, 700, 71)]));
    }

    [Fact]
    public void With_data_in_every_corner_there_is_no_free_corner_and_the_axis_is_raised_for_a_band()
    {
        var everywhere = new[] { new PixelBox(100, 60, 700, 62), new PixelBox(100, 380, 700, 382) };
        Assert.Null(NotePlacement.FreeCorner(Area, 200, 40, everywhere));

        // 0..100 on 300 px with a 60 px band free on top: the data gets 240 px, so the axis ends at 100 * 300 / 240.
        Assert.Equal(125, NotePlacement.RaisedTop(0, 100, 300, 60), 9);
        Assert.Equal(1250, NotePlacement.RaisedTop(500, 1000, 300, 100), 9);
    }

    private static readonly PixelBox LabelArea = new(0, 0, 400, 300);

    [Fact]
    public void A_label_goes_right_of_its_point_then_left_when_the_edge_is_near()
    {
        var spots = PointLabels.Place([(100, 100, 50, 20), (390, 200, 50, 20)], LabelArea, []);
        Assert.Equal([new PixelBox(106, 90, 156, 110), new PixelBox(334, 190, 384, 210)], spots);
    }

    [Fact]
    public void A_label_keeps_off_an_obstacle_and_goes_below_when_that_is_the_first_free_spot()
    {
        // Right leaves the area; left (294-344 x 90-110) and above touch the note that ends at y = 100; below is free.
        var spots = PointLabels.Place([(350, 100, 50, 20)], LabelArea, [new PixelBox(100, 0, 400, 100)]);
        Assert.Equal(new PixelBox(325, 106, 375, 126), spots.Single());
    }

    [Fact]
    public void A_label_with_no_free_spot_is_left_out_rather_than_laid_over_another()
    {
        // The second point is 40 px right of the first: all eight spots around it touch the first label (106-156 x 90-110).
        var spots = PointLabels.Place([(100, 100, 50, 20), (140, 100, 50, 20)], LabelArea, []);
        Assert.Equal(new PixelBox(106, 90, 156, 110), spots[0]);
        Assert.Null(spots[1]);
    }

    [Theory]
    [InlineData(0, "0", "0")]
    [InlineData(5, "5", "5")]
    [InlineData(2000, "2k", "2000")]
    [InlineData(50000, "50k", "5万")]
    [InlineData(1000000, "1M", "100万")]
    [InlineData(200000000, "200M", "2亿")]
    public void A_lifetime_value_bin_edge_reads_short_in_each_language(int amount, string en, string zh)
    {
        Assert.Equal(en, ClvChart.Edge(amount, Language.En));
        Assert.Equal(zh, ClvChart.Edge(amount, Language.Zh));
    }

    [Fact]
    public void An_svg_gets_a_view_box_and_one_invisible_link_area_over_each_linked_mark()
    {
        var svg = SvgLinks.Add("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"800\" height=\"450\"><rect/></svg>",
            [new SvgLink(new PixelBox(10, 20, 30, 60), "/accounts/A&1?lang=en", "<A&1>")], 800, 450);
        Assert.Equal(
            "<svg viewBox=\"0 0 800 450\" xmlns=\"http://www.w3.org/2000/svg\" width=\"800\" height=\"450\"><rect/><g class=\"links\">"
            + "<a href=\"/accounts/A&amp;1?lang=en\" target=\"_top\"><title>&lt;A&amp;1&gt;</title>"
            + "<rect x=\"10\" y=\"20\" width=\"20\" height=\"40\" fill=\"#000\" fill-opacity=\"0\"/></a></g></svg>",
            svg);
    }
}
