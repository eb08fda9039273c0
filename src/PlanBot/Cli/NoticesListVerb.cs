using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PlanBot.Clock;
using PlanBot.Storage;
using PlanBot.Supervision;

namespace PlanBot.Cli;

/// <summary>notices list: every 提示单 and 督办单 with its signing, reply and escalation, newest first.</summary>
public sealed class NoticesListVerb(PlanBotDbContext db, PlanClock clock) : ICliVerb
{
    public static CliVerbSpec Spec { get; } = new(
        "notices list",
        [],
        [new CliOption("open"), CliOption.Json],
        "[--open] [--json]",
        "the 提示单 and 督办单 issued, with their signing, reply, escalation and closing, newest first");

    /// <summary>One notice in --json output; times are the plan's local time.</summary>
    public sealed record NoticeView(
        string Number,
        string Kind,
        string Task,
        string Owner,
        DateOnly IssuedOn,
        string Situation,
        int ScheduledPercent,
        int ProgressPercent,
        DateOnly ReplyBy,
        DateTimeOffset? SignedAt,
        DateTimeOffset? RepliedAt,
        string? Reply,
        DateTimeOffset? EscalatedAt,
        DateTimeOffset? ClosedAt,
        string? Closed);

    public async Task<int> RunAsync(CliInvocation input, CancellationToken ct)
    {
        var onlyOpen = input.Flag("open");
        var notices = await db.Notices.AsNoTracking().Include(n => n.Task).Include(n => n.Member)
            .Where(n => !onlyOpen || (n.RepliedAtUtc == null && n.ClosedAtUtc == null))
            .OrderByDescending(n => n.IssuedAtUtc).ThenByDescending(n => n.Id)
            .ToListAsync(ct);
        DateTimeOffset? Local(DateTime? utc) => utc is { } at ? clock.ToLocal(at) : null;
        var views = notices.Select(n => new NoticeView(
            n.Title,
            n.Kind == NoticeKind.Hint ? "提示单" : "督办单",
            n.Task!.Code,
            n.Member?.Name ?? "",
            n.IssuedOn,
            n.Situation,
            n.ScheduledPercent,
            n.ProgressPercent,
            n.ReplyBy,
            Local(n.SignedAtUtc),
            Local(n.RepliedAtUtc),
            n.Reply,
            Local(n.EscalatedAtUtc),
            Local(n.ClosedAtUtc),
            n.ClosedNote)).ToList();
        if (input.Flag(CliOption.Json.Name))
        {
            CliJson.Write(input.Out, views);
            return CliApp.Success;
        }

        static string Time(DateTimeOffset? at) => at?.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "—";
        TextTable.Write(input.Out, ["number", "task", "owner", "issued", "situation", "reply by", "signed", "replied", "escalated", "reply", "closed"], views.Select(v => (IReadOnlyList<string>)
        [
            v.Number, v.Task, v.Owner, v.IssuedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), v.Situation,
            v.ReplyBy.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Time(v.SignedAt), Time(v.RepliedAt), Time(v.EscalatedAt),
            v.Reply?.ReplaceLineEndings(" ") ?? "", v.Closed ?? "",
        ]));
        return CliApp.Success;
    }
}
