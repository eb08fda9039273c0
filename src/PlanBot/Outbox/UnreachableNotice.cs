using PlanBot.Texts;

namespace PlanBot.Outbox;

/// <summary>What admins are told when Telegram refuses messages to a member (403: blocked the bot or deleted the account).</summary>
public static class UnreachableNotice
{
    public static string For(string language, string memberName) => TextSet.For(language).Format("notice.unreachable", memberName);
}
