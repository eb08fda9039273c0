using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PlanBot.Clock;
using PlanBot.Storage;

namespace PlanBot.Cli;

/// <summary>feedback list: every suggestion or complaint members sent with /feedback, newest first.</summary>
public sealed class FeedbackListVerb(PlanBotDbContext db, PlanClock clock) : ICliVerb
{
    public static CliVerbSpec Spec { get; } = new("feedback list", [], [CliOption.Json], "[--json]", "members' suggestions and complaints (/feedback), newest first");

    /// <summary>One feedback in --json output; the time is the plan's local time.</summary>
    public sealed record FeedbackView(int Id, DateTimeOffset At, string Member, string Unit, string Text);

    public async Task<int> RunAsync(CliInvocation input, CancellationToken ct)
    {
        var feedback = await db.Feedback.AsNoTracking().Include(f => f.Member)
            .OrderByDescending(f => f.CreatedAtUtc).ThenByDescending(f => f.Id)
            .ToListAsync(ct);
        var views = feedback
            .Select(f => new FeedbackView(f.Id, clock.ToLocal(f.CreatedAtUtc), f.Member?.Name ?? "?", f.Member?.Unit ?? "", f.Text))
            .ToList();
        if (input.Flag(CliOption.Json.Name))
        {
            CliJson.Write(input.Out, views);
            return CliApp.Success;
        }

        TextTable.Write(input.Out, ["time", "member", "unit", "feedback"], views.Select(v => (IReadOnlyList<string>)
        [
            v.At.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), v.Member, v.Unit, v.Text.ReplaceLineEndings(" "),
        ]));
        return CliApp.Success;
    }
}
