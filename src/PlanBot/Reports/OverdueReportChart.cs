using PlanBot.Plans;
using PlanBot.Reports.Xlsx;
using PlanBot.Texts;
using ScottPlot;
using SkiaSharp;

namespace PlanBot.Reports;

/// <summary>The two plots of the report's picture, and how tall the second is drawn.</summary>
/// <param name="Lights">Lights per list: a stacked bar per list.</param>
/// <param name="Late">Late tasks per lead unit: a stacked horizontal bar per unit, or a sentence when no task was red.</param>
public sealed record ChartPanels(Plot Lights, Plot Late, int LateHeight);

/// <summary>
/// The monthly report's picture, in one language: lights per list (stacked bars) above the late tasks per lead unit
/// (horizontal bars, overdue and lagging). Both titles name the month, every bar carries its value, and the
/// legends sit under the plots, where they cover no bar. Every label is given a font with Chinese glyphs: ScottPlot's
/// automatic font choice misses manually set tick labels, and an English chart still names the units in Chinese.
/// </summary>
public static class OverdueReportChart
{
    public const int Width = 900;
    public const int LightsHeight = 440;

    /// <summary>The height of one lead unit's row: the panel grows with the units, so bars keep one thickness.</summary>
    public const int RowHeight = 44;

    /// <summary>At least this many rows are laid out, so one or two units do not stretch into a slab filling the panel.</summary>
    public const int MinRows = 6;

    /// <summary>A bound on the picture (Telegram takes photos up to 10,000 pixels of width and height together).</summary>
    public const int MaxLateHeight = 6000;

    /// <summary>Title, axis, tick labels and legend around the rows of the late-task panel.</summary>
    private const int LateFrameHeight = 190;

    private const int NoneHeight = 260;

    /// <summary>About the height of the lights plot's data area (the panel less title, tick labels and legend).</summary>
    private const double LightsDataHeight = LightsHeight - 160;

    /// <summary>The room a count tag takes beyond a bar's end, in pixels.</summary>
    private const int TagSize = 30;
    private const float ValueFontSize = 15;

    /// <summary>A system font that can draw Chinese (fontconfig picks one, e.g. WenQuanYi Micro Hei).</summary>
    public static string ChineseFontName { get; } = Fonts.Detect("重点亮点难点逾期");

    private static readonly Color DoneColor = Color.FromHex("#4C9A2A");
    private static readonly Color OnTrackColor = Color.FromHex("#8BC34A");
    private static readonly Color AtRiskColor = Color.FromHex("#F4B400");
    private static readonly Color OverdueColor = Color.FromHex("#D93025");
    private static readonly Color BehindColor = Color.FromHex("#F28B82");
    private static readonly Color FarBehindColor = Color.FromHex("#A50E0E");

    /// <summary>The picture's height for the report: the lights panel and a late-task panel as tall as its units need.</summary>
    public static int HeightOf(OverdueReport report) => LightsHeight + LateHeight(UnitsOf(report).Count);

    public static byte[] Render(OverdueReport report, string language)
    {
        var panels = Panels(report, language);
        var height = LightsHeight + panels.LateHeight;
        // Each plot is rendered on a surface of its own and then placed (a plot rendering onto a shared canvas paints the
        // whole canvas); the picture is encoded once.
        using var top = RenderPlot(panels.Lights, LightsHeight);
        using var bottom = RenderPlot(panels.Late, panels.LateHeight);
        using var surface = SKSurface.Create(new SKImageInfo(Width, height));
        surface.Canvas.Clear(SKColors.White);
        surface.Canvas.DrawImage(top, 0, 0);
        surface.Canvas.DrawImage(bottom, 0, LightsHeight);
        using var image = surface.Snapshot();
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }

    private static SKImage RenderPlot(Plot plot, int height)
    {
        using var surface = SKSurface.Create(new SKImageInfo(Width, height));
        plot.Render(surface);
        return surface.Snapshot();
    }

    /// <summary>The plots the picture is drawn from, before rendering: what they say can be read here.</summary>
    public static ChartPanels Panels(OverdueReport report, string language)
    {
        var t = TextSet.For(language);
        var month = t.MonthName(report.Month.FirstDay);
        var units = UnitsOf(report);
        return new ChartPanels(LightsPerList(report, t, month), LatePerUnit(report, units, t, month), LateHeight(units.Count));
    }

    private static int LateHeight(int units) =>
        units == 0 ? NoneHeight : Math.Min(MaxLateHeight, LateFrameHeight + (RowHeight * Math.Max(units, MinRows)));

    /// <summary>The lead units with a late task, most late tasks first.</summary>
    private static List<string> UnitsOf(OverdueReport report) =>
        report.Sections.SelectMany(s => s.Units).Select(u => u.LeadUnit).Distinct()
            .OrderByDescending(u => report.Sections.Sum(s => Count(s, u)))
            .ThenBy(u => u, StringComparer.Ordinal)
            .ToList();

    private static int Count(LateSection section, string unit) => section.Units.FirstOrDefault(u => u.LeadUnit == unit)?.Tasks.Count ?? 0;

    private static Plot LightsPerList(OverdueReport report, TextSet t, string month)
    {
        var plot = new Plot();
        var series = new (Light Light, Color Color, Func<ListLightCounts, int> Count)[]
        {
            (Light.Done, DoneColor, c => c.Done),
            (Light.OnTrack, OnTrackColor, c => c.OnTrack),
            (Light.AtRisk, AtRiskColor, c => c.AtRisk),
            (Light.Red, OverdueColor, c => c.Red),
        };
        var stacks = report.Lights.Select(_ => new List<Segment>()).ToList();
        foreach (var (light, color, count) in series)
        {
            var bars = report.Lights
                .Select((counts, i) => Stack(stacks[i], i, count(counts), color, size: 0.6))
                .OfType<Bar>()
                .ToList();
            var barPlot = plot.Add.Bars(bars);
            barPlot.LegendText = t.LightName(light);
            StyleValueLabels(barPlot, color);
        }

        var tallest = Math.Max(1, stacks.Max(Total));
        var pixelsPerTask = LightsDataHeight / tallest;
        var tagged = TagSmallSegments(plot, stacks, pixelsPerTask, horizontal: false);
        plot.Axes.Bottom.SetTicks(
            Enumerable.Range(0, report.Lights.Count).Select(i => (double)i).ToArray(),
            report.Lights.Select(l => t.ListName(l.List)).ToArray());
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        plot.Axes.SetLimits(-0.6, report.Lights.Count - 0.4, 0, tallest * 1.05 + ((tagged ? TagSize : 4) / pixelsPerTask));
        plot.Title(t.Plain("report.chart.lightsTitle", month));
        plot.YLabel(t["report.chart.taskCount"]);
        plot.ShowLegend(Edge.Bottom);
        UseChineseFont(plot);
        return plot;
    }

    private static Plot LatePerUnit(OverdueReport report, List<string> units, TextSet t, string month)
    {
        var plot = new Plot();
        plot.Title(t.Plain("report.chart.overdueTitle", month));
        if (units.Count == 0)
        {
            // No axis from −10 to 10 around nothing: the month's result in words.
            plot.HideAxesAndGrid();
            plot.Axes.Title.IsVisible = true;
            var none = plot.Add.Text(t["report.chart.none"], 0, 0);
            none.LabelAlignment = Alignment.MiddleCenter;
            none.LabelFontSize = 26;
            none.LabelFontName = ChineseFontName;
            none.LabelFontColor = DoneColor;
            plot.Axes.SetLimits(-1, 1, -1, 1);
            UseChineseFont(plot);
            return plot;
        }

        // The unit with the most late tasks on the top row; with fewer units than MinRows the rows below stay empty.
        var rows = Math.Max(units.Count, MinRows);
        double Row(int rank) => rows - 1 - rank;
        var stacks = units.Select(_ => new List<Segment>()).ToList();
        foreach (var (section, color) in new[] { (report.Overdue, OverdueColor), (report.BehindMilestone, BehindColor), (report.FarBehind, FarBehindColor) })
        {
            var bars = units
                .Select((unit, rank) => Stack(stacks[rank], Row(rank), Count(section, unit), color, size: 0.7))
                .OfType<Bar>()
                .ToList();
            var barPlot = plot.Add.Bars(bars);
            barPlot.Horizontal = true;
            barPlot.LegendText = t["report.chart.kind." + section.Reason];
            StyleValueLabels(barPlot, color);
        }

        var longest = Math.Max(1, stacks.Max(Total));
        // The tick labels (unit names) take the left of the panel, about 6.5 pixels per column of text.
        var dataWidth = Width - 60 - (6.5 * units.Max(u => TextWidth.Of(u)));
        var pixelsPerTask = dataWidth / longest;
        var tags = TagSmallSegments(plot, stacks, pixelsPerTask, horizontal: true) ? stacks.Max(s => s.Count(x => x.Tagged)) : 0;
        plot.Axes.Left.SetTicks(units.Select((_, rank) => Row(rank)).ToArray(), units.ToArray());
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        plot.Axes.SetLimits(0, longest * 1.05 + ((tags * TagSize) / pixelsPerTask), -0.6, rows - 0.4);
        plot.XLabel(t["report.chart.taskCount"]);
        plot.ShowLegend(Edge.Bottom);
        UseChineseFont(plot);
        return plot;
    }

    /// <summary>One segment of a stacked bar: the bar ScottPlot draws, its count and colour, whether its count is a tag beyond the bar.</summary>
    private sealed record Segment(Bar Bar, int Count, Color Color)
    {
        public bool Tagged { get; set; }
    }

    private static int Total(List<Segment> stack) => stack.Sum(s => s.Count);

    /// <summary>The next segment of a stack, labelled with its count in its middle; none for a count of zero.</summary>
    private static Bar? Stack(List<Segment> stack, double position, int count, Color color, double size)
    {
        if (count == 0)
        {
            return null;
        }

        var start = Total(stack);
        var bar = new Bar
        {
            Position = position,
            ValueBase = start,
            Value = start + count,
            FillColor = color,
            Size = size,
            Label = count.ToString(System.Globalization.CultureInfo.InvariantCulture),
            CenterLabel = true,
        };
        stack.Add(new Segment(bar, count, color));
        return bar;
    }

    /// <summary>
    /// A count too big for its thin segment is shown instead as a small tag in the segment's colour just beyond the
    /// bar's end (above it, or right of it), side by side with the stack's other tags. True when any tag was added.
    /// </summary>
    private static bool TagSmallSegments(Plot plot, List<List<Segment>> stacks, double pixelsPerTask, bool horizontal)
    {
        var any = false;
        foreach (var stack in stacks)
        {
            var small = stack.Where(s => !Fits(s, pixelsPerTask, horizontal)).ToList();
            for (var k = 0; k < small.Count; k++)
            {
                var segment = small[k];
                segment.Tagged = true;
                segment.Bar.Label = "";
                var end = Total(stack);
                var tag = horizontal
                    ? plot.Add.Text(segment.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), end, segment.Bar.Position)
                    : plot.Add.Text(segment.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), segment.Bar.Position, end);
                tag.LabelAlignment = horizontal ? Alignment.MiddleLeft : Alignment.LowerCenter;
                // Pixels: right of the bar one after another, or above it centred as a group.
                tag.OffsetX = horizontal ? 6 + (k * TagSize) : (float)((k - ((small.Count - 1) / 2.0)) * TagSize);
                tag.OffsetY = horizontal ? 0 : -4;
                tag.LabelFontName = ChineseFontName;
                tag.LabelFontSize = ValueFontSize - 2;
                tag.LabelBold = true;
                tag.LabelBackgroundColor = segment.Color;
                tag.LabelFontColor = LabelColorOn(segment.Color);
                tag.LabelPadding = 3;
                any = true;
            }
        }

        return any;
    }

    /// <summary>Whether the count can be read inside its segment: tall enough for a line, or wide enough for its digits.</summary>
    private static bool Fits(Segment segment, double pixelsPerTask, bool horizontal)
    {
        var pixels = segment.Count * pixelsPerTask;
        return horizontal
            ? pixels >= (segment.Count.ToString(System.Globalization.CultureInfo.InvariantCulture).Length * 10) + 8
            : pixels >= ValueFontSize + 5;
    }

    private static void StyleValueLabels(ScottPlot.Plottables.BarPlot bars, Color fill)
    {
        bars.ValueLabelStyle.FontName = ChineseFontName;
        bars.ValueLabelStyle.FontSize = ValueFontSize;
        bars.ValueLabelStyle.Bold = true;
        bars.ValueLabelStyle.ForeColor = LabelColorOn(fill);
    }

    /// <summary>White on the dark fills, black on the light ones.</summary>
    private static Color LabelColorOn(Color fill) => fill == DoneColor || fill == OverdueColor ? Colors.White : Colors.Black;

    private static void UseChineseFont(Plot plot)
    {
        plot.Font.Set(ChineseFontName);
        foreach (var axis in plot.Axes.GetAxes())
        {
            axis.TickLabelStyle.FontName = ChineseFontName;
            axis.Label.FontName = ChineseFontName;
        }

        plot.Axes.Title.Label.FontName = ChineseFontName;
        plot.Legend.FontName = ChineseFontName;
    }
}
