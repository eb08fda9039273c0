using System.Text;
using Microsoft.Extensions.DependencyInjection;
using PlanBot.Plans;

namespace PlanBot.Chat.Commands;

/// <summary>/help: only the commands this member may use, with their usage.</summary>
public sealed class HelpCommand(IServiceProvider services) : IChatCommand
{
    public string Name => "help";

    public MemberRoles AllowedRoles => MemberRoles.None;

    public Task<ChatResponse> HandleAsync(ChatRequest r, CancellationToken ct)
    {
        var t = r.T;
        var text = new StringBuilder(t["help.title"]);
        // Resolved here rather than injected: /help is itself one of the commands.
        foreach (var command in services.GetServices<IChatCommand>().Where(c => c.MayUse(r.Member)))
        {
            text.Append('\n').Append(t["usage." + command.Name]).Append(" — ").Append(t["help." + command.Name]);
        }

        text.Append("\n\n").Append(t["help.reply"]);
        if (r.Member.Has(MemberRoles.Admin))
        {
            text.Append('\n').Append(t["help.adminUpdates"]);
        }

        return Task.FromResult(r.Answer(text.ToString()));
    }
}
