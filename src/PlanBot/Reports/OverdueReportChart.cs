using PlanBot.Plans;
using PlanBot.Texts;
using ScottPlot;
using SkiaSharp;

namespace PlanBot.Reports;

/// <summary>
/// The monthly report's picture: lights per list (stacked bars) above overdue tasks per lead unit (horizontal bars).
/// Every label is given a font with Chinese glyphs: ScottPlot's automatic font choice misses manually set tick labels.
/// </summary>
public static class OverdueReportChart
{
    public const int Width = 900;
    public const int Height = 1000;

    /// <summary>A system font that can draw Chinese (fontconfig picks one, e.g. WenQuanYi Micro Hei).</summary>
    public static string ChineseFontName { get; } = Fonts.Detect("重点亮点难点逾期");

    public static byte[] Render(OverdueReport report, string language)
    {
        // Each plot is rendered on its own and then placed: a plot rendering onto a shared canvas paints the whole canvas.
        var split = Height * 2 / 5;
        using var top = SKBitmap.Decode(LightsPerList(report, language).GetImageBytes(Width, split, ImageFormat.Png));
        using var bottom = SKBitmap.Decode(OverduePerUnit(report, language).GetImageBytes(Width, Height - split, ImageFormat.Png));
        using var surface = SKSurface.Create(new SKImageInfo(Width, Height));
        surface.Canvas.Clear(SKColors.White);
        surface.Canvas.DrawBitmap(top, 0, 0);
        surface.Canvas.DrawBitmap(bottom, 0, split);
        using var image = surface.Snapshot();
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }

    private static Plot LightsPerList(OverdueReport report, string language)
    {
        var t = TextSet.For(language);
        var plot = new Plot();
        var series = new (Light Light, Color Color)[]
        {
            (Light.Done, Color.FromHex("#4C9A2A")),
            (Light.OnTrack, Color.FromHex("#8BC34A")),
            (Light.AtRisk, Color.FromHex("#F4B400")),
            (Light.Red, Color.FromHex("#D93025")),
        };
        var bars = new List<Bar>();
        for (var i = 0; i < report.Lights.Count; i++)
        {
            var counts = report.Lights[i];
            double bottom = 0;
            foreach (var (light, color) in series)
            {
                var value = light switch
                {
                    Light.Done => counts.Done,
                    Light.OnTrack => counts.OnTrack,
                    Light.AtRisk => counts.AtRisk,
                    _ => counts.Red,
                };
                bars.Add(new Bar { Position = i, ValueBase = bottom, Value = bottom + value, FillColor = color });
                bottom += value;
            }
        }

        plot.Add.Bars(bars);
        plot.Axes.Bottom.SetTicks(
            Enumerable.Range(0, report.Lights.Count).Select(i => (double)i).ToArray(),
            report.Lights.Select(l => t.ListName(l.List)).ToArray());
        foreach (var (light, color) in series)
        {
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = t.LightName(light), FillColor = color });
        }

        plot.ShowLegend(Alignment.UpperRight);
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        plot.Axes.Margins(bottom: 0);
        plot.Title(t["report.chart.lightsTitle"]);
        plot.YLabel(t["report.chart.taskCount"]);
        UseChineseFont(plot);
        return plot;
    }

    private static Plot OverduePerUnit(OverdueReport report, string language)
    {
        var t = TextSet.For(language);
        var plot = new Plot();
        var series = new (LateSection Section, Color Color)[]
        {
            (report.Overdue, Color.FromHex("#D93025")),
            (report.BehindMilestone, Color.FromHex("#F28B82")),
        };
        int Count(LateSection section, string unit) => section.Units.FirstOrDefault(u => u.LeadUnit == unit)?.Tasks.Count ?? 0;
        var units = report.Sections.SelectMany(s => s.Units).Select(u => u.LeadUnit).Distinct()
            .OrderBy(u => Count(report.Overdue, u) + Count(report.BehindMilestone, u))
            .ToList();
        var bars = new List<Bar>();
        for (var i = 0; i < units.Count; i++)
        {
            double left = 0;
            foreach (var (section, color) in series)
            {
                var value = Count(section, units[i]);
                bars.Add(new Bar { Position = i, ValueBase = left, Value = left + value, FillColor = color });
                left += value;
            }
        }

        if (bars.Count > 0)
        {
            var barPlot = plot.Add.Bars(bars);
            barPlot.Horizontal = true;
            plot.Axes.Left.SetTicks(
                Enumerable.Range(0, units.Count).Select(i => (double)i).ToArray(),
                units.ToArray());
            foreach (var (section, color) in series)
            {
                plot.Legend.ManualItems.Add(new LegendItem { LabelText = t["report.chart.kind." + section.Reason], FillColor = color });
            }

            plot.ShowLegend(Alignment.LowerRight);
        }
        else
        {
            plot.Axes.Left.SetTicks([], []);
        }

        plot.Axes.Margins(left: 0);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        plot.Title(t["report.chart.overdueTitle"]);
        plot.XLabel(t["report.chart.taskCount"]);
        UseChineseFont(plot);
        return plot;
    }

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
