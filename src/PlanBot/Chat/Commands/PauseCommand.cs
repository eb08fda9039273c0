using PlanBot.Chat.Progress;
using PlanBot.Clock;
using PlanBot.Plans;

namespace PlanBot.Chat.Commands;

/// <summary>
/// /pause YYYY-MM-DD: no reminders up to and including that date (leave); "off" ends the pause. A date in the past is
/// refused (as /extend refuses one), and "off" when nothing is paused says so and tells nobody.
/// </summary>
public sealed class PauseCommand(PlanClock clock) : IChatCommand
{
    public string Name => "pause";

    public MemberRoles AllowedRoles => MemberRoles.None;

    public async Task<ChatResponse> HandleAsync(ChatRequest r, CancellationToken ct)
    {
        var t = r.T;
        var argument = r.Arguments.Trim();
        if (argument.Length == 0)
        {
            var state = r.Member.PausedUntil is { } until && until >= clock.Today ? t.Format("pause.state", until) : t["pause.stateNone"];
            return r.Usage(state, Name);
        }

        DateOnly? pausedUntil;
        if (argument.Equals("off", StringComparison.OrdinalIgnoreCase) || argument is "取消" or "结束")
        {
            if (r.Member.PausedUntil is not { } current || current < clock.Today)
            {
                return r.Answer(t["pause.notPaused"]);
            }

            pausedUntil = null;
        }
        else if (TaskActions.TryParseDate(argument, out var date))
        {
            if (date < clock.Today)
            {
                return r.Usage(t.Format("error.pausePast", date), Name);
            }

            pausedUntil = date;
        }
        else
        {
            // The example is a date /pause accepts: a week from today.
            return r.Usage(t.Format("error.dateForm", argument, clock.Today.AddDays(7)), Name);
        }

        r.Member.PausedUntil = pausedUntil;
        var notice = await Supervisors.NotifyAsync(r.Db, r.Member,
            st => pausedUntil is { } d ? st.Format("notify.paused", r.Member.Name, d) : st.Format("notify.resumed", r.Member.Name), ct);
        var confirmation = (pausedUntil is { } until2 ? t.Format("pause.set", until2) : t["pause.cleared"]) + "\n" + notice.Summary(t);
        return new ChatResponse([r.Reply(confirmation), .. notice.Messages]);
    }
}
