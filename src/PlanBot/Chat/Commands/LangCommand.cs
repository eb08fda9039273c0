using PlanBot.Texts;
using PlanBot.Plans;

namespace PlanBot.Chat.Commands;

/// <summary>/lang zh|en: the language of every answer from now on.</summary>
public sealed class LangCommand : IChatCommand
{
    public string Name => "lang";

    public MemberRoles AllowedRoles => MemberRoles.None;

    public Task<ChatResponse> HandleAsync(ChatRequest r, CancellationToken ct)
    {
        if (r.Arguments.Length == 0 || !Languages.TryParse(r.Arguments, out var language))
        {
            return Task.FromResult(r.Usage(r.T.Format("error.unknownLanguage", r.Arguments), Name));
        }

        r.Member.Language = language;
        // Answer already in the new language.
        return Task.FromResult(r.Answer(TextSet.For(language)["lang.set"]));
    }
}
