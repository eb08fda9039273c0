using PlanBot.Plans;

namespace PlanBot.Chat.Commands;

/// <summary>/digest: the supervisors' digest now, built by the reports feature.</summary>
public sealed class DigestCommand(ISupervisorReports reports) : IChatCommand
{
    public string Name => "digest";

    public MemberRoles AllowedRoles => MemberRoles.Supervisor | MemberRoles.Admin;

    public Task<ChatResponse> HandleAsync(ChatRequest r, CancellationToken ct) =>
        reports.DigestAsync(r.Member, r.Message, r.Db, ct);
}
