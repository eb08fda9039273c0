using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PlanBot.Cli;
using PlanBot.Plans;
using PlanBot.Tests.Import;
using PlanBot.Tests.Support;

namespace PlanBot.Tests.Cli;

public sealed class CliTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private CliRunner _cli = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _cli = new CliRunner(_database);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Tasks_list_json_on_a_fresh_database_shows_the_seeded_lists()
    {
        var result = await _cli.RunAsync("tasks", "list", "--json");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("挖掘房地产潜力", result.Out, StringComparison.Ordinal); // not \uXXXX-escaped
        var tasks = JsonSerializer.Deserialize<List<TasksListVerb.TaskView>>(result.Out, CliJson.Options)!;
        Assert.Equal(28, tasks.Count);
        Assert.Equal([8, 6, 14], WorkLists.All.Select(l => tasks.Count(t => t.List == l)));
        var d02 = tasks.Single(t => t.Code == "D-02");
        Assert.Equal((10000m, "名", "区人力社保局联络员"), (d02.TargetValue!.Value, d02.TargetUnit, d02.Owner));
        Assert.Equal(["社会发展科负责人"], d02.CoOwners);
        // 2024-05-15: the first milestone (2024-03-29, 25 %) has passed with no progress.
        Assert.Equal(("🔴", Light.Red, LightReason.MilestoneMissed), (d02.Light, d02.LightName, d02.LightReason));
        Assert.Contains("\"list\": \"difficulty\"", result.Out, StringComparison.Ordinal);
        Assert.Contains("\"light\": \"🔴\"", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tasks_list_filters_by_list_in_chinese_or_english()
    {
        var english = await _cli.RunAsync("tasks", "list", "--list", "highlight");
        var chinese = await _cli.RunAsync("tasks", "list", "--list=亮点");

        Assert.Equal(0, english.ExitCode);
        Assert.Equal(english.Out, chinese.Out);
        var lines = english.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(8, lines.Length); // plan line, header, 6 tasks
        Assert.StartsWith("code", lines[1], StringComparison.Ordinal);
        Assert.All(lines.Skip(2), l => Assert.StartsWith("H-", l, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Members_list_json_parses_back_and_members_add_appends()
    {
        var added = await _cli.RunAsync("members", "add", "--name", "审批科副科长", "--unit", "区发改局审批科", "--role", "owner", "--role", "supervisor", "--telegram-id", "70001");
        var list = await _cli.RunAsync("members", "list", "--json");

        Assert.Equal(0, added.ExitCode);
        Assert.StartsWith("added member 20: 审批科副科长", added.Out, StringComparison.Ordinal);
        var members = JsonSerializer.Deserialize<List<MembersListVerb.MemberView>>(list.Out, CliJson.Options)!;
        Assert.Equal(20, members.Count);
        var newcomer = members.Single(m => m.Name == "审批科副科长");
        Assert.Equal(["owner", "supervisor"], newcomer.Roles);
        Assert.Equal(70001, newcomer.TelegramUserId);
        Assert.Equal(["supervisor", "admin"], members.Single(m => m.Name == "办公室管理员").Roles);
    }

    [Fact]
    public async Task Members_add_refuses_a_name_already_on_the_roster_with_exit_code_2()
    {
        var result = await _cli.RunAsync("members", "add", "--name", "投资科负责人", "--unit", "区发改局投资科", "--role", "owner;admin");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(["members add: '投资科负责人' is already on the roster (id 1)"], result.ErrorLines);
        await using var db = _database.CreateContext();
        Assert.Equal(19, await db.Members.CountAsync());
    }

    [Fact]
    public async Task Members_invite_prints_the_code_and_start_link_and_stores_a_single_use_invite()
    {
        var result = await _cli.RunAsync("members", "invite", "投资科负责人", "--json", "--Telegram:BotUsername=@LinAnPlanBot");

        Assert.Equal(0, result.ExitCode);
        var invite = JsonSerializer.Deserialize<MembersInviteVerb.InviteView>(result.Out, CliJson.Options)!;
        Assert.Matches("^[A-Za-z0-9_-]{22}$", invite.Code);
        Assert.Equal($"https://t.me/LinAnPlanBot?start={invite.Code}", invite.Link);
        Assert.Equal(new DateTimeOffset(2024, 5, 18, 10, 0, 0, TimeSpan.FromHours(8)), invite.ExpiresAt);
        Assert.Equal("", result.Error);
        await using var db = _database.CreateContext();
        var stored = await db.Invites.Include(i => i.Member).SingleAsync();
        Assert.Equal((invite.Code, "投资科负责人"), (stored.Code, stored.Member!.Name));
        Assert.Null(stored.UsedAtUtc);
    }

    [Fact]
    public async Task Members_invite_without_a_bot_username_shows_a_placeholder_and_a_hint()
    {
        var result = await _cli.RunAsync("members", "invite", "1");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("invite for 投资科负责人 (id 1)", result.Out, StringComparison.Ordinal);
        Assert.Matches(@"link: https://t\.me/YOUR_BOT\?start=[A-Za-z0-9_-]{22}", result.Out);
        Assert.Contains("Telegram:BotUsername", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Members_invite_for_someone_not_on_the_roster_exits_with_2()
    {
        var result = await _cli.RunAsync("members", "invite", "局长");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(["no member named '局长' or with id 局长 (see: members list)"], result.ErrorLines);
    }

    [Fact]
    public async Task Set_deadline_keeps_the_first_deadline_as_the_original_and_records_history()
    {
        var first = await _cli.RunAsync("tasks", "set-deadline", "K-01", "2025-01-31");
        var second = await _cli.RunAsync("tasks", "set-deadline", "k1", "2025-02-28");

        Assert.Equal(0, first.ExitCode);
        Assert.Equal("K-01: deadline 2024-12-31 → 2025-01-31 (original 2024-12-31)", first.Out.Trim());
        Assert.Equal(0, second.ExitCode);
        await using var db = _database.CreateContext();
        var task = await db.Tasks.Include(t => t.History).SingleAsync(t => t.Code == "K-01");
        Assert.Equal(new DateOnly(2025, 2, 28), task.Deadline);
        Assert.Equal(new DateOnly(2024, 12, 31), task.OriginalDeadline);
        Assert.Equal(
            [(UpdateKind.DeadlineChanged, UpdateChannel.Cli, new DateOnly(2025, 1, 31)), (UpdateKind.DeadlineChanged, UpdateChannel.Cli, new DateOnly(2025, 2, 28))],
            task.History.OrderBy(h => h.Id).Select(h => (h.Kind, h.Channel, h.Deadline!.Value)));
    }

    [Theory]
    [InlineData(new[] { "tasks", "set-deadline", "K-01", "2024-13-01" }, "tasks set-deadline: '2024-13-01' is not a date (YYYY-MM-DD)")]
    [InlineData(new[] { "tasks", "set-deadline", "K-99", "2024-12-01" }, "no task K-99 in the 2024 plan (see: tasks list)")]
    [InlineData(new[] { "tasks", "set-deadline", "K-01" }, "tasks set-deadline: missing YYYY-MM-DD (usage: tasks set-deadline <CODE> <YYYY-MM-DD>)")]
    [InlineData(new[] { "tasks", "list", "--list", "urgent" }, "'urgent' is not a list (key, highlight or difficulty; also 重点, 亮点 or 难点)")]
    [InlineData(new[] { "tasks", "list", "--verbose" }, "tasks list: unknown option --verbose (usage: tasks list [--list key|highlight|difficulty] [--json] [--year YYYY])")]
    [InlineData(new[] { "tasks", "assign", "K-01" }, "tasks assign: --owner NAME|ID is required (usage: tasks assign <CODE> --owner <name|id> [--co-owner <name|id>]...)")]
    public async Task Bad_input_exits_with_2_and_one_line_on_stderr_and_changes_nothing(string[] args, string message)
    {
        await _cli.RunAsync("members", "list");
        var before = await ImportTestData.CountRowsAsync(_database);

        var result = await _cli.RunAsync(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal([message], result.ErrorLines);
        Assert.Equal(before, await ImportTestData.CountRowsAsync(_database));
    }

    [Fact]
    public async Task Assign_sets_owner_and_replaces_co_owners_with_a_history_row()
    {
        var result = await _cli.RunAsync("tasks", "assign", "D-13", "--owner", "社会发展科负责人", "--co-owner", "区法院联络员", "--co-owner", "17");

        Assert.Equal(0, result.ExitCode);
        await using var db = _database.CreateContext();
        var task = await db.Tasks.Include(t => t.Owner).Include(t => t.CoOwners).ThenInclude(c => c.Member).Include(t => t.History)
            .AsSplitQuery().SingleAsync(t => t.Code == "D-13");
        Assert.Equal("社会发展科负责人", task.Owner!.Name);
        Assert.Equal(["分管副局长", "区法院联络员"], task.CoOwners.Select(c => c.Member!.Name).Order());
        var entry = Assert.Single(task.History);
        Assert.Equal((UpdateKind.Assigned, UpdateChannel.Cli), (entry.Kind, entry.Channel));
        Assert.Contains("区法院联络员 → 社会发展科负责人", entry.Note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_rehearsal_clock_dates_a_set_deadline_in_the_past_as_docs_cli_says()
    {
        // The real clock, not the tests' fake one: the documented way is --PlanBot:Clock:StartAt, not a flag of the verb.
        var startAt = new DateTimeOffset(2024, 6, 3, 10, 0, 0, TimeSpan.FromHours(8));
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exitCode = await CliApp.RunAsync(
            ["tasks", "set-deadline", "K-04", "2025-01-31", "--PlanBot:Clock:StartAt=2024-06-03T10:00:00+08:00", $"--ConnectionStrings:PlanBot={_database.ConnectionString}"],
            stdout,
            stderr);

        Assert.Equal((0, ""), (exitCode, stderr.ToString()));
        await using var db = _database.CreateContext();
        var entry = Assert.Single(await db.ProgressUpdates.Where(h => h.Kind == UpdateKind.DeadlineChanged).ToListAsync());
        Assert.InRange(entry.AtUtc, startAt.UtcDateTime, startAt.UtcDateTime.AddMinutes(5));
    }

    [Theory]
    [InlineData("D-13", new string[0])]
    [InlineData("D-13", new[] { "--co-owner", "社会发展科负责人" })]
    public async Task Assign_with_the_same_owner_and_co_owners_says_nothing_changed_and_records_nothing(string code, string[] coOwners)
    {
        await _cli.RunAsync("tasks", "list");
        string owner;
        int ownerId;
        await using (var db = _database.CreateContext())
        {
            var task = await db.Tasks.Include(t => t.Owner).SingleAsync(t => t.Code == code);
            (owner, ownerId) = (task.Owner!.Name, task.Owner.Id);
        }

        var before = await ImportTestData.CountRowsAsync(_database);

        var byName = await _cli.RunAsync(["tasks", "assign", code, "--owner", owner, .. coOwners]);

        Assert.Equal(0, byName.ExitCode);
        Assert.Equal($"{code}: unchanged (owner {owner})\n", byName.Out);
        var byId = await _cli.RunAsync(["tasks", "assign", code, "--owner", ownerId.ToString(System.Globalization.CultureInfo.InvariantCulture), .. coOwners]);
        Assert.Equal($"{code}: unchanged (owner {owner})\n", byId.Out);
        Assert.Equal(before, await ImportTestData.CountRowsAsync(_database));
    }

    [Fact]
    public async Task Move_puts_a_task_on_another_list_and_keeps_its_code()
    {
        var result = await _cli.RunAsync("tasks", "move", "D-01", "--list", "key");
        var keyList = await _cli.RunAsync("tasks", "list", "--list", "key", "--json");

        Assert.Equal(0, result.ExitCode);
        var codes = JsonSerializer.Deserialize<List<TasksListVerb.TaskView>>(keyList.Out, CliJson.Options)!.Select(t => t.Code);
        Assert.Contains("D-01", codes);
        Assert.Equal(9, codes.Count());
    }

    [Fact]
    public async Task A_moved_task_can_be_reimported_on_its_new_list_under_its_old_code()
    {
        await _cli.RunAsync("tasks", "move", "D-01", "--list", "key");
        var csv = ImportTestData.TempFile(".csv");
        await File.WriteAllTextAsync(csv, "code,list,title,owner,deadline\nD-01,key,“共富岗”解决剩余劳动力就业,区人力社保局联络员,2024-12-31\nD-02,key,技术工人提能增薪行动:新增技能人才,区人力社保局联络员,2024-12-31\n");

        var result = await _cli.RunAsync("import", "plan", csv);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal([$"{csv}: row 3, column code: 'D-02' is on the key list, so its code must start with K"], result.ErrorLines);
        File.Delete(csv);
    }

    [Fact]
    public async Task Import_plan_of_the_seed_again_reports_everything_unchanged()
    {
        var result = await _cli.RunAsync("import", "plan", ImportTestData.SeedPlan);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("plan 2024 杭州市临安区发展和改革局: created 0, updated 0, unchanged 28", result.Out.Trim());
    }

    [Fact]
    public async Task Import_plan_with_bad_rows_prints_every_error_exits_2_and_writes_nothing()
    {
        await _cli.RunAsync("members", "list");
        var before = await ImportTestData.CountRowsAsync(_database);
        var csv = ImportTestData.WriteCsv(
            "K-09,key,,,新任务,,,投资科负责人,,2024-09-31,,,,",
            "K-10,key,,,新任务二,,,投资科负责人,不存在的人,2024-12-31,,,,");

        var result = await _cli.RunAsync("import", "plan", csv);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(
        [
            $"{csv}: row 2, column deadline: '2024-09-31' is not a date (YYYY-MM-DD)",
            $"{csv}: row 3, column co_owners: '不存在的人' is not on the roster",
        ], result.ErrorLines);
        Assert.Equal("", result.Out);
        Assert.Equal(before, await ImportTestData.CountRowsAsync(_database));
        File.Delete(csv);
    }

    [Fact]
    public async Task Import_roster_adds_new_members_by_name()
    {
        var csv = ImportTestData.TempFile(".csv");
        await File.WriteAllTextAsync(csv, "name,unit,roles,telegram_user_id,language\n统计科负责人,区发改局统计科,owner,,zh\n投资科负责人,区发改局投资科,owner,,zh\n");

        var result = await _cli.RunAsync("import", "roster", csv);

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("roster: created 1, updated 0, unchanged 1", result.Out, StringComparison.Ordinal);
        File.Delete(csv);
    }

    [Fact]
    public async Task Unknown_verb_prints_usage_and_exits_2_and_help_exits_0()
    {
        var unknown = await _cli.RunAsync("report", "everything");
        using var stdout = new StringWriter();
        var help = await CliApp.RunAsync(["--help"], stdout, TextWriter.Null);

        Assert.Equal(2, unknown.ExitCode);
        Assert.StartsWith("unknown verb 'report everything'", unknown.Error, StringComparison.Ordinal);
        Assert.Contains("tasks set-deadline <CODE> <YYYY-MM-DD>", unknown.Error, StringComparison.Ordinal);
        Assert.Equal(0, help);
        Assert.Contains("members invite <name|id> [--json]", stdout.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Settings_may_come_before_the_verb_and_empty_seed_paths_skip_seeding()
    {
        using var stdout = new StringWriter();
        var exitCode = await CliApp.RunAsync(
            [$"--ConnectionStrings:PlanBot={_database.ConnectionString}", "--PlanBot:SeedPlanPath=", "--PlanBot:SeedRosterPath=", "members", "list", "--json"],
            stdout,
            TextWriter.Null);

        Assert.Equal(0, exitCode);
        Assert.Equal("[]", stdout.ToString().Trim());
        await using var db = _database.CreateContext();
        Assert.Equal(0, await db.Plans.CountAsync());
    }

    [Fact]
    public async Task A_bad_setting_is_reported_with_exit_code_2()
    {
        var result = await _cli.RunAsync("members", "list", "--PlanBot:TimeZone=Mars/Olympus");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("PlanBot:TimeZone 'Mars/Olympus' is not a known time zone id.", result.Error, StringComparison.Ordinal);
    }
}
