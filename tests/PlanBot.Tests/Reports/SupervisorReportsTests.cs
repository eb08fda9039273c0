using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using MiniExcelLibs;
using PlanBot.Chat;
using PlanBot.Outbox;
using PlanBot.Reports;
using PlanBot.Scheduling;
using PlanBot.Storage;
using PlanBot.Tests.Chat;
using PlanBot.Tests.Support;

namespace PlanBot.Tests.Reports;

/// <summary>/digest and /report through the real chat router, answered by the reports feature as the app registers it.</summary>
public sealed class SupervisorReportsTests
{
    [Fact]
    public async Task Digest_answers_the_asking_supervisor_with_the_digest_in_their_language()
    {
        await using var chat = await ChatHarness.CreateAsync();
        await chat.SendAsync(ChatHarness.OwnerA, "/progress K-01 40");

        var chinese = Assert.Single((await chat.SendAsync(ChatHarness.Supervisor, "/digest")).Messages);
        await chat.SendAsync(ChatHarness.Supervisor, "/lang en");
        var english = Assert.Single((await chat.SendAsync(ChatHarness.Supervisor, "/digest")).Messages);

        Assert.Equal(ChatHarness.Supervisor, chinese.ChatId);
        Assert.NotNull(chinese.RecipientMemberId);
        Assert.Contains("督查简报", chinese.Text, StringComparison.Ordinal);
        Assert.Contains("重点工作", chinese.Text, StringComparison.Ordinal);
        Assert.Contains("🟢 <b>K-01</b> 挖掘房地产潜力 — 40% · 投资科负责人", chinese.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("未报送", chinese.Text, StringComparison.Ordinal); // results, not app activity
        Assert.Contains("Key work", english.Text, StringComparison.Ordinal);
        await using var db = chat.Db();
        Assert.Null(await db.GetStateAsync(DigestBuilder.LastSentSetting, CancellationToken.None)); // the Monday digest's period is untouched
    }

    [Fact]
    public async Task An_admins_digest_says_when_a_deadline_lies_beyond_the_holiday_calendar_and_a_supervisors_does_not()
    {
        await using var chat = await ChatHarness.CreateAsync();
        await using (var db = chat.Db())
        {
            var task = await db.Tasks.SingleAsync(t => t.Code == "K-01");
            task.Deadline = new DateOnly(2027, 3, 31);
            await db.SaveChangesAsync();
        }

        var admin = Assert.Single((await chat.SendAsync(ChatHarness.Admin, "/digest")).Messages).Text;
        var supervisor = Assert.Single((await chat.SendAsync(ChatHarness.Supervisor, "/digest")).Messages).Text;

        Assert.Contains("⚠️ 节假日日历缺少 2027 年的放假安排", admin, StringComparison.Ordinal);
        Assert.Contains("督查简报", supervisor, StringComparison.Ordinal);
        Assert.DoesNotContain("节假日日历", supervisor, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_for_last_month_is_a_summary_the_workbook_the_chart_and_the_circular_and_is_kept()
    {
        await using var chat = await ChatHarness.CreateAsync();

        var first = (await chat.SendAsync(ChatHarness.Supervisor, "/report")).Messages;
        var again = (await chat.SendAsync(ChatHarness.Supervisor, "/report 2024-05")).Messages;

        Assert.Equal(4, first.Count);
        Assert.All(first, m => Assert.Equal(ChatHarness.Supervisor, m.ChatId));
        Assert.Contains("2024年5月逾期及滞后情况月报", first[0].Text, StringComparison.Ordinal);
        Assert.Contains("D-01", first[0].Text, StringComparison.Ordinal);
        var xlsx = first[1].Attachment!;
        Assert.Equal(("overdue-2024-05.xlsx", AttachmentKind.Document), (xlsx.FileName, xlsx.Kind));
        using var stream = new MemoryStream(xlsx.Content);
        var rows = stream.Query(useHeaderRow: true, sheetName: "逾期任务", startCell: "A2").Cast<IDictionary<string, object>>().ToList();
        Assert.Equal("D-01", Assert.Single(rows)["编号"]?.ToString());
        var png = first[2].Attachment!;
        Assert.Equal(AttachmentKind.Photo, png.Kind);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png.Content.Take(4));
        var circular = first[3].Attachment!;
        Assert.Equal(("circular-2024-05.docx", AttachmentKind.Document), (circular.FileName, circular.Kind));
        using (var document = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(new MemoryStream(circular.Content), false))
        {
            Assert.Contains("关于2024年5月“三张清单”工作推进情况的通报", document.MainDocumentPart!.Document.Body!.InnerText, StringComparison.Ordinal);
        }

        Assert.Equal(xlsx.Content, again[1].Attachment!.Content);
        Assert.Equal(circular.Content, again[3].Attachment!.Content);
        await using var db = chat.Db();
        Assert.Equal("2024-05", (await db.StoredReports.SingleAsync()).Month);
    }

    [Fact]
    public async Task Report_with_RankUnits_adds_the_units_ranking_after_the_summary_and_as_a_sheet()
    {
        await using var chat = await ChatHarness.CreateAsync(new Dictionary<string, string?> { ["PlanBot:Report:RankUnits"] = "true" });

        var messages = (await chat.SendAsync(ChatHarness.Supervisor, "/report 2024-05")).Messages;

        Assert.Equal(5, messages.Count);
        Assert.Contains("2024年5月逾期及滞后情况月报", messages[0].Text, StringComparison.Ordinal);
        Assert.StartsWith("<b>2024年5月牵头单位排名(按结果)</b>", messages[1].Text, StringComparison.Ordinal);
        Assert.Matches(@"\n1\. <b>[^<]+</b>\S* \d+ 项:按期完成 \d+ · 🔴\d+ 🟡\d+ 🟢\d+ ✅\d+ · 欠序时进度 \d+", messages[1].Text);
        using var workbook = new WorkbookFile(messages[2].Attachment!.Content);
        Assert.Equal(["汇总", "逾期任务", "节点滞后任务", "严重滞后任务", "亮灯", "单位排名"], workbook.SheetNames);
    }

    [Fact]
    public async Task Report_in_English_brings_the_English_workbook_and_chart_with_English_captions()
    {
        await using var chat = await ChatHarness.CreateAsync();

        var chinese = (await chat.SendAsync(ChatHarness.Supervisor, "/report 2024-05")).Messages;
        await chat.SendAsync(ChatHarness.Supervisor, "/lang en");
        var english = (await chat.SendAsync(ChatHarness.Supervisor, "/report 2024-05")).Messages;

        Assert.Equal(
            ["2024年5月逾期及滞后任务明细(Excel)", "2024年5月各清单亮灯及各牵头单位逾期、滞后情况", "2024年5月“三张清单”工作推进情况的通报(草稿,Word 文档,可修改后印发)"],
            chinese.Skip(1).Select(m => m.Text));
        Assert.Equal(
            ["Overdue and lagging tasks, May 2024 (Excel)", "Lights per list and late tasks per lead unit, May 2024",
             "Circular (通报) on the “three lists” for May 2024: a draft Word document in Chinese, to edit before it is issued"],
            english.Skip(1).Select(m => m.Text));
        using var workbook = new WorkbookFile(english[1].Attachment!.Content);
        Assert.Equal(["Summary", "Overdue", "Behind a milestone", "Far behind", "Lights"], workbook.SheetNames);
        Assert.Equal("Overdue and lagging report · May 2024 · Overdue", workbook.Text("Overdue", "A1"));
        Assert.NotEqual(chinese[2].Attachment!.Content, english[2].Attachment!.Content);
        await using var db = chat.Db();
        var stored = await db.StoredReports.SingleAsync();
        Assert.Equal(stored.XlsxEn, english[1].Attachment!.Content);
        Assert.Equal(stored.PngEn, english[2].Attachment!.Content);
    }

    [Fact]
    public async Task Report_for_a_month_not_yet_ended_or_before_the_plan_explains_and_keeps_nothing()
    {
        await using var chat = await ChatHarness.CreateAsync();

        var current = Assert.Single((await chat.SendAsync(ChatHarness.Supervisor, "/report 2024-06")).Messages).Text;
        var future = Assert.Single((await chat.SendAsync(ChatHarness.Supervisor, "/report 2025-01")).Messages).Text;
        var before = Assert.Single((await chat.SendAsync(ChatHarness.Supervisor, "/report 2023-12")).Messages).Text;
        var malformed = Assert.Single((await chat.SendAsync(ChatHarness.Supervisor, "/report 2024-13")).Messages).Text;
        await chat.SendAsync(ChatHarness.Supervisor, "/lang en");
        var english = Assert.Single((await chat.SendAsync(ChatHarness.Supervisor, "/report 2024-06")).Messages).Text;

        Assert.Equal("📊 2024年6月还没有结束,月报从 7月1日 起可查。上个月的月报:/report 2024-05", current);
        Assert.StartsWith("📊 2025年1月还没有结束", future, StringComparison.Ordinal);
        Assert.Equal("📊 2023年12月还没有计划任务,没有月报。", before);
        Assert.Contains("2024-13", malformed, StringComparison.Ordinal);
        Assert.Contains("/report [YYYY-MM]", malformed, StringComparison.Ordinal);
        Assert.Equal("📊 June 2024 has not ended yet: its overdue report is available from Jul 1. Last month's report: /report 2024-05", english);
        await using var db = chat.Db();
        Assert.Empty(await db.StoredReports.ToListAsync());
    }

    [Fact]
    public async Task Owners_cannot_ask_for_the_digest_or_the_report()
    {
        await using var chat = await ChatHarness.CreateAsync();

        var digest = Assert.Single((await chat.SendAsync(ChatHarness.OwnerA, "/digest")).Messages).Text;
        var report = Assert.Single((await chat.SendAsync(ChatHarness.OwnerA, "/report 2024-05")).Messages).Text;

        Assert.Contains("仅限督查人员", digest, StringComparison.Ordinal);
        Assert.Contains("仅限督查人员", report, StringComparison.Ordinal);
        await using var db = chat.Db();
        Assert.Empty(await db.StoredReports.ToListAsync());
    }
}
