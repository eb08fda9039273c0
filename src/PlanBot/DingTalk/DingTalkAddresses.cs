using PlanBot.Chat;
using PlanBot.Plans;

namespace PlanBot.DingTalk;

/// <summary>
/// How DingTalk chats are addressed: a private chat by the person's staff id (userid), a group by "group:" and its open
/// conversation id, so the transport knows which robot API reaches it (a staff id never holds ':').
/// </summary>
public static class DingTalkAddresses
{
    private const string GroupPrefix = "group:";

    public static ChatAddress User(string staffId) => ChatAddress.DingTalk(staffId);

    public static ChatAddress Group(string openConversationId) => ChatAddress.DingTalk(GroupPrefix + openConversationId);

    public static bool IsGroup(ChatAddress chat) => chat.Channel == Channel.DingTalk && chat.Id.StartsWith(GroupPrefix, StringComparison.Ordinal);

    public static DingTalkTarget Target(ChatAddress chat) => IsGroup(chat)
        ? new DingTalkTarget.Group(chat.Id[GroupPrefix.Length..])
        : new DingTalkTarget.User(chat.Id);
}
