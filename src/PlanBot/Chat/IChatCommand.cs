using PlanBot.Plans;

namespace PlanBot.Chat;

/// <summary>One chat command (/progress, /task …): its name, who may use it, its parsing and its handling.</summary>
public interface IChatCommand
{
    /// <summary>Latin name without the slash, as Telegram's command list requires.</summary>
    string Name { get; }

    /// <summary>Roles of which the member needs at least one; <see cref="MemberRoles.None"/> → every member.</summary>
    MemberRoles AllowedRoles { get; }

    /// <summary>Changes tracked entities in <see cref="ChatRequest.Db"/> and never saves.</summary>
    Task<ChatResponse> HandleAsync(ChatRequest r, CancellationToken ct);
}

public static class ChatCommands
{
    public static bool MayUse(this IChatCommand command, Member member) =>
        command.AllowedRoles == MemberRoles.None || (member.Roles & command.AllowedRoles) != 0;

    /// <summary>The one-line description of a command in a language ("zh" or "en"), e.g. for Telegram's setMyCommands.</summary>
    public static string Describe(this IChatCommand command, string language) => Texts.TextSet.For(language)["help." + command.Name];
}
