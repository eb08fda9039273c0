using System.Diagnostics;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Wordprocessing;
using Microsoft.EntityFrameworkCore;
using PlanBot.Plans;
using PlanBot.Tests.Support;

namespace PlanBot.Tests.Cli;

/// <summary>report circular (the monthly 通报 as a .docx) through the real entry point, on the seeded 2024 plan.</summary>
public sealed class ReportCircularTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"planbot-circular-{Guid.NewGuid():N}");
    private TestDatabase _database = null!;
    private CliRunner _cli = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        _database = await TestDatabase.CreateAsync();
        _cli = new CliRunner(_database);
        // Monday 2024-12-02 10:00 in Shanghai. By the end of November K-01 reported 80 % (its 9月30日 milestone expects
        // 75 %), K-02 75 %, H-05 was done; nobody else reported, so the others are behind their milestones or overdue.
        _cli.Time.SetUtcNow(new DateTimeOffset(2024, 12, 2, 2, 0, 0, TimeSpan.Zero));
        Assert.Equal(0, (await _cli.RunAsync("tasks", "list")).ExitCode); // seeds the plan and roster
        await RecordAsync("K-01", UpdateKind.Progress, 80, "房地产新政已落地");
        await RecordAsync("K-02", UpdateKind.Progress, 75, null);
        await RecordAsync("H-05", UpdateKind.Done, 100, null);
    }

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task The_circular_counts_tasks_against_their_scheduled_progress_and_names_the_lagging_ones()
    {
        var path = Path.Combine(_folder, "通报.docx");

        var result = await _cli.RunAsync("report", "circular", "--month", "2024-11", "--out", path);

        Assert.Equal((0, ""), (result.ExitCode, result.Error));
        Assert.Equal(["关于2024年11月“三张清单”工作推进情况的通报", "督查〔2024〕11号", $"circular: {path}"], result.Out.TrimEnd('\n').Split('\n'));
        using var document = WordprocessingDocument.Open(path, false);
        var paragraphs = document.MainDocumentPart!.Document.Body!.Elements<Paragraph>().Select(p => p.InnerText).ToList();
        Assert.Equal("杭州市临安区发展和改革局督查通报", paragraphs[0]);
        Assert.Equal("全区“三张清单”共28项任务,已完成1项;超序时进度0项、达序时进度0项、欠序时进度27项,欠序时进度的占96%。其中逾期3项、节点滞后22项,详见附件。", paragraphs.Single(p => p.StartsWith("全区", StringComparison.Ordinal)));
        var key = Assert.Single(paragraphs, p => p.StartsWith("(一)重点工作。", StringComparison.Ordinal));
        // K-01's 序时进度 runs from its last milestone (75 % on 9月30日) to 100 % at the deadline: 92 % by 11月30日.
        Assert.StartsWith("(一)重点工作。共8项,已完成0项,超序时进度0项、达序时进度0项、欠序时进度8项。欠序时进度的有:K-01 挖掘房地产潜力(牵头单位:区发改局投资科,序时进度92%,实际进度80%)、", key, StringComparison.Ordinal);
        Assert.Contains("三、下一步工作要求", paragraphs);
        Assert.Equal(["杭州市临安区发展和改革局", "2024年12月2日"], paragraphs.SkipWhile(p => !p.StartsWith("附件:", StringComparison.Ordinal)).Skip(1).Take(2));

        var rows = document.MainDocumentPart.Document.Body.Elements<Table>().Single().Elements<TableRow>()
            .Select(r => r.Elements<TableCell>().Select(c => c.InnerText).ToList()).ToList();
        Assert.Equal(["序号", "任务", "牵头单位", "序时进度", "实际进度", "状态", "情况说明"], rows[0]);
        Assert.Equal(29, rows.Count);
        Assert.Equal(["1", "K-01 挖掘房地产潜力", "区发改局投资科", "92%", "80%", "欠序时进度", "房地产新政已落地"], rows[1]);
        Assert.Equal("欠序时进度(逾期 21 个工作日)", rows.Single(r => r[1].StartsWith("K-03", StringComparison.Ordinal))[5]);
        Assert.Equal("已完成", rows.Single(r => r[1].StartsWith("H-05", StringComparison.Ordinal))[5]);
    }

    [Fact]
    public async Task The_circular_is_a_valid_document_laid_out_after_GB_T_9704()
    {
        var path = Path.Combine(_folder, "circular.docx");

        Assert.Equal(0, (await _cli.RunAsync("report", "circular", "--month", "2024-11", "--out", path, "--number", "12")).ExitCode);

        using var document = WordprocessingDocument.Open(path, false);
        var errors = new OpenXmlValidator().Validate(document).Select(e => $"{e.Node?.LocalName}: {e.Description}").Distinct().ToList();
        Assert.True(errors.Count == 0, string.Join('\n', errors));
        var section = document.MainDocumentPart!.Document.Body!.Elements<SectionProperties>().Single();
        var size = section.GetFirstChild<PageSize>()!;
        var margin = section.GetFirstChild<PageMargin>()!;
        const double twipsPerMm = 1440 / 25.4;
        Assert.Equal((210, 297), ((int)Math.Round(size.Width!.Value / twipsPerMm), (int)Math.Round(size.Height!.Value / twipsPerMm)));
        Assert.InRange(margin.Top!.Value / twipsPerMm, 36, 38); // 天头 37 mm ± 1
        Assert.InRange(margin.Left!.Value / twipsPerMm, 27, 29); // 订口 28 mm ± 1
        Assert.InRange((size.Width.Value - margin.Left.Value - margin.Right!.Value) / twipsPerMm, 155, 157); // 版心 156 mm
        Assert.InRange((size.Height.Value - margin.Top.Value - margin.Bottom!.Value) / twipsPerMm, 224, 226); // × 225 mm
        var paragraphs = document.MainDocumentPart.Document.Body.Elements<Paragraph>().ToList();
        var header = paragraphs[0].Descendants<RunProperties>().Single();
        Assert.Equal(("FF0000", "方正小标宋简体"), (header.Color!.Val!.Value, header.RunFonts!.EastAsia!.Value));
        Assert.Equal("督查〔2024〕12号", paragraphs[1].InnerText);
        Assert.Equal("FF0000", paragraphs[1].ParagraphProperties!.ParagraphBorders!.BottomBorder!.Color!.Value);
        var body = paragraphs.First(p => p.InnerText.StartsWith("全区", StringComparison.Ordinal));
        Assert.Equal(("仿宋_GB2312", "32"), (body.Descendants<RunFonts>().Single().EastAsia!.Value, body.Descendants<FontSize>().Single().Val!.Value));
        Assert.Equal("黑体", paragraphs.Single(p => p.InnerText == "一、总体情况").Descendants<RunFonts>().Single().EastAsia!.Value);
        Assert.Equal("楷体_GB2312", paragraphs.Single(p => p.InnerText.StartsWith("(二)", StringComparison.Ordinal)).Descendants<RunFonts>().First().EastAsia!.Value);
        Assert.Equal(2, document.MainDocumentPart.FooterParts.Count());
    }

    [Fact]
    public async Task LibreOffice_opens_the_circular_and_its_pdf_says_what_the_document_says()
    {
        var path = Path.Combine(_folder, "circular.docx");
        Assert.Equal(0, (await _cli.RunAsync("report", "circular", "--month", "2024-11", "--out", path)).ExitCode);

        await RunAsync("soffice", $"-env:UserInstallation=file://{_folder}/lo-profile --headless --convert-to pdf --outdir {_folder} {path}");
        var text = await RunAsync("pdftotext", $"-layout {Path.Combine(_folder, "circular.pdf")} -");

        // pdftotext spaces out CJK text around digits and across justified lines; compare without white space.
        var squeezed = string.Concat(text.Where(c => !char.IsWhiteSpace(c)));
        Assert.Contains("关于2024年11月“三张清单”工作推进情况的通报", squeezed, StringComparison.Ordinal);
        Assert.Contains("超序时进度0项、达序时进度0项、欠序时进度27项", squeezed, StringComparison.Ordinal);
        Assert.Contains("2024年11月“三张清单”任务推进情况表", squeezed, StringComparison.Ordinal);
        Assert.Contains("—1—", squeezed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_circular_in_English_and_bad_arguments()
    {
        var english = Path.Combine(_folder, "circular-en.docx");

        var result = await _cli.RunAsync("report", "circular", "--month=2024-11", "--out", english, "--lang", "en");
        var notEnded = await _cli.RunAsync("report", "circular", "--month", "2024-12", "--out", Path.Combine(_folder, "x.docx"));
        var badNumber = await _cli.RunAsync("report", "circular", "--month", "2024-11", "--out", Path.Combine(_folder, "x.docx"), "--number", "0");
        var notDocx = await _cli.RunAsync("report", "circular", "--month", "2024-11", "--out", Path.Combine(_folder, "x.pdf"));

        Assert.StartsWith("Circular on the progress of the “three lists” in November 2024\n", result.Out, StringComparison.Ordinal);
        Assert.Equal(["report circular: 2024-12 has not ended yet (today is 2024-12-02); its circular can be made from 2025-01-01"], notEnded.ErrorLines);
        Assert.Equal(["report circular: --number '0' is not a whole number from 1 to 9999"], badNumber.ErrorLines);
        Assert.Equal([$"report circular: --out '{Path.Combine(_folder, "x.pdf")}' must name a .docx file"], notDocx.ErrorLines);
        Assert.All(new[] { notEnded, badNumber, notDocx }, r => Assert.Equal(2, r.ExitCode));
        Assert.Equal([english], Directory.GetFiles(_folder));
    }

    /// <summary>Runs a tool of the machine (LibreOffice, poppler) and returns its output; .ci/run installs both.</summary>
    private static async Task<string> RunAsync(string program, string arguments)
    {
        using var process = new Process { StartInfo = new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true } };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException(
                $"{program} is not installed: apt-get install libreoffice-writer-nogui poppler-utils (.ci/run does this).", e);
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        Assert.True(process.ExitCode == 0, $"{program} {arguments} exited with {process.ExitCode}: {await error}");
        return await output;
    }

    private async Task RecordAsync(string code, UpdateKind kind, int percent, string? note)
    {
        await using var db = _database.CreateContext();
        var task = await db.Tasks.SingleAsync(t => t.Code == code);
        var at = new DateTimeOffset(2024, 11, 20, 10, 0, 0, TimeSpan.FromHours(8)).UtcDateTime;
        db.ProgressUpdates.Add(new ProgressUpdate
        {
            TaskId = task.Id,
            MemberId = task.OwnerId,
            AtUtc = at,
            Kind = kind,
            Percent = percent,
            Note = note,
            Channel = UpdateChannel.Reply,
        });
        task.ProgressPercent = percent;
        task.LastUpdateAtUtc = at;
        if (kind == UpdateKind.Done)
        {
            task.Status = PlanTaskStatus.Done;
            task.DoneAtUtc = at;
        }

        await db.SaveChangesAsync();
    }
}
