using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenQA.Selenium;
using PlanBot.Clock;
using PlanBot.Plans;
using PlanBot.Reports;

namespace PlanBot.Tests.Dashboard;

/// <summary>What a person sees on the dashboard in a real browser (headless Chromium), logged in as Telegram would log them in.</summary>
public sealed class DashboardBrowserTests(DashboardBrowser browser) : IClassFixture<DashboardBrowser>
{
    private IWebDriver Page => browser.Driver;

    [Fact]
    public async Task The_three_lists_counts_are_the_digests()
    {
        browser.OpenAsTelegramUser(DashboardBureau.Admin);
        browser.WaitUntilReady();
        await using var scope = browser.Bureau.Bot.Services.CreateAsyncScope();
        await using var db = browser.Bureau.Bot.CreateDbContext();
        var digest = await scope.ServiceProvider.GetRequiredService<DigestBuilder>().BuildAsync(db, scope.ServiceProvider.GetRequiredService<PlanClock>().Today);
        foreach (var list in digest.Lists)
        {
            foreach (var (light, count) in new[] { (Light.Red, list.Red), (Light.AtRisk, list.AtRisk), (Light.OnTrack, list.OnTrack), (Light.Done, list.Done) })
            {
                var shown = Page.FindElement(By.CssSelector($".list-card[data-list='{list.List}'] .count[data-light='{light}']")).GetAttribute("data-count");
                Assert.Equal(count.ToString(System.Globalization.CultureInfo.InvariantCulture), shown);
            }
        }

        Assert.Equal(await db.Tasks.CountAsync(), Page.FindElements(By.CssSelector("#tables tbody tr")).Count);
        // A table per list.
        Assert.Equal(["Key", "Highlight", "Difficulty"], Page.FindElements(By.CssSelector("#tables .table-box")).Select(t => t.GetAttribute("data-list")));
    }

    [Fact]
    public void A_filter_narrows_the_table()
    {
        browser.OpenAsTelegramUser(DashboardBureau.Admin);
        browser.WaitUntilReady();
        var all = Page.FindElements(By.CssSelector("#tables tbody tr")).Count;
        Page.FindElement(By.CssSelector("#filter-list option[value='Highlight']")).Click();
        browser.Until(d => d.FindElements(By.CssSelector("#tables tbody tr")).Count < all);
        var codes = Page.FindElements(By.CssSelector("#tables tbody tr")).Select(r => r.GetAttribute("data-code")).ToList();
        Assert.NotEmpty(codes);
        Assert.All(codes, c => Assert.StartsWith("H-", c, StringComparison.Ordinal));
        Assert.Equal("Highlight", Assert.Single(Page.FindElements(By.CssSelector("#tables .table-box"))).GetAttribute("data-list"));
    }

    [Fact]
    public void A_task_page_shows_its_history()
    {
        browser.OpenAsTelegramUser(DashboardBureau.Admin);
        browser.WaitUntilReady();
        Page.FindElement(By.CssSelector("#tables tbody tr[data-code='K-01']")).Click();
        var history = browser.Until(d => d.FindElement(By.Id("history")));
        Assert.Contains("已研究杭州房地产新政", history.Text, StringComparison.Ordinal);
        Assert.Contains(DashboardBureau.OwnerName, history.Text, StringComparison.Ordinal);
        Assert.Contains("K-01", Page.FindElement(By.CssSelector("#task h2")).Text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_month_picker_shows_last_months_lights()
    {
        browser.OpenAsTelegramUser(DashboardBureau.Admin);
        browser.WaitUntilReady();
        Page.FindElement(By.CssSelector($"#month option[value='{DashboardBureau.LastMonth}']")).Click();
        // May was kept with K-01 done and every other task on track.
        browser.Until(d => d.FindElement(By.CssSelector("#tables tbody tr[data-code='K-01']")).GetAttribute("data-light") == "Done");
        Assert.All(Page.FindElements(By.CssSelector("#tables tbody tr:not([data-code='K-01'])")), r => Assert.Equal("OnTrack", r.GetAttribute("data-light")));
        Assert.Equal("1", Page.FindElement(By.CssSelector(".list-card[data-list='Key'] .count[data-light='Done']")).GetAttribute("data-count"));
        Assert.Equal("0", Page.FindElement(By.CssSelector(".list-card[data-list='Key'] .count[data-light='Red']")).GetAttribute("data-count"));
    }

    [Fact]
    public void Chinese_glyphs_render_and_a_screenshot_is_kept()
    {
        browser.OpenAsTelegramUser(DashboardBureau.Admin);
        browser.WaitUntilReady();
        Assert.Equal("三张清单看板", Page.FindElement(By.Id("title")).Text);
        // Two different characters drawn in the page's font: a machine without a CJK font draws both as the same
        // empty box, so their pixels would be equal.
        var differ = (bool)((IJavaScriptExecutor)Page).ExecuteScript("""
            const font = getComputedStyle(document.body).fontFamily;
            const draw = (ch) => { const c = document.createElement('canvas'); c.width = c.height = 40;
              const g = c.getContext('2d'); g.font = '32px ' + font; g.fillText(ch, 2, 32); return c.toDataURL(); };
            return draw('重') !== draw('点');
            """)!;
        Assert.True(differ, "Chinese characters render as identical boxes: install a CJK font (fonts-wqy-microhei).");
        var shot = ((ITakesScreenshot)Page).GetScreenshot();
        var folder = Path.Combine(AppContext.BaseDirectory, "artefacts");
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, "dashboard.png");
        shot.SaveAsFile(file);
        Assert.True(new FileInfo(file).Length > 10_000);
    }

    [Fact]
    public void A_stranger_sees_the_login_refusal()
    {
        browser.OpenAsTelegramUser(DashboardBureau.Stranger);
        var refusal = browser.Until(d => d.FindElement(By.Id("refused")) is { Displayed: true } e ? e : null)!;
        Assert.Contains("不是已登记的成员", refusal.Text, StringComparison.Ordinal);
        Assert.Empty(Page.FindElements(By.CssSelector("#tables tbody tr")));
    }
}
