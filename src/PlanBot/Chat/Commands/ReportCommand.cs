using PlanBot.Plans;

namespace PlanBot.Chat.Commands;

/// <summary>/report [YYYY-MM]: the monthly overdue report, built by the reports feature.</summary>
public sealed class ReportCommand(ISupervisorReports reports) : IChatCommand
{
    public string Name => "report";

    public MemberRoles AllowedRoles => MemberRoles.Supervisor | MemberRoles.Admin;

    public async Task<ChatResponse> HandleAsync(ChatRequest r, CancellationToken ct)
    {
        YearMonth? month = null;
        if (r.Arguments.Length > 0)
        {
            if (!YearMonth.TryParse(r.Arguments, out var parsed))
            {
                return r.Usage(r.T.Format("error.monthForm", r.Arguments), Name);
            }

            month = parsed;
        }

        return await reports.ReportAsync(r.Member, r.Message, month, r.Db, ct);
    }
}
