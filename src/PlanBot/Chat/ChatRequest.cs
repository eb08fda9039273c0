using PlanBot.Texts;
using PlanBot.Outbox;
using PlanBot.Plans;
using PlanBot.Storage;

namespace PlanBot.Chat;

/// <summary>One inbound message from a known member, with what a handler needs to answer it.</summary>
public sealed class ChatRequest(InboundMessage message, Member member, PlanBotDbContext db, string arguments = "")
{
    public InboundMessage Message => message;

    public Member Member => member;

    public PlanBotDbContext Db => db;

    /// <summary>The text after the command name, trimmed.</summary>
    public string Arguments => arguments;

    /// <summary>The member's language: every answer uses it.</summary>
    public TextSet T { get; } = TextSet.For(member.Language);

    /// <summary>A message back into the chat the request came from.</summary>
    public OutgoingMessage Reply(string html, int? taskId = null, IReadOnlyList<IReadOnlyList<Button>>? buttons = null) =>
        new(message.ChatId, html)
        {
            RecipientMemberId = message.IsPrivateChat ? member.Id : null,
            TaskId = taskId,
            Buttons = buttons ?? [],
        };

    public ChatResponse Answer(string html, int? taskId = null, IReadOnlyList<IReadOnlyList<Button>>? buttons = null) =>
        new([Reply(html, taskId, buttons)]);

    /// <summary>A clear "that did not work" answer with the command's correct usage.</summary>
    public ChatResponse Usage(string problemHtml, string command) =>
        Answer(problemHtml + "\n" + T.Format("usage.line", new RawHtml(T["usage." + command])));
}
