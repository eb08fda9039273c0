using PlanBot.Plans;

namespace PlanBot.Chat.Commands;

/// <summary>/digest: the supervisors' digest now, built by the reports feature.</summary>
public sealed class DigestCommand(ISupervisorReports? reports = null) : IChatCommand
{
    public string Name => "digest";

    public MemberRoles AllowedRoles => MemberRoles.Supervisor | MemberRoles.Admin;

    public Task<ChatResponse> HandleAsync(ChatRequest r, CancellationToken ct) =>
        reports is null
            ? Task.FromResult(r.Answer(r.T["error.featureMissing"]))
            : reports.DigestAsync(r.Member, r.Message, r.Db, ct);
}
