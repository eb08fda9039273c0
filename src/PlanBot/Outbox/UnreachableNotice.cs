using System.Net;
using PlanBot.Plans;

namespace PlanBot.Outbox;

/// <summary>What admins are told when Telegram refuses messages to a member (403: blocked the bot or deleted the account).</summary>
public static class UnreachableNotice
{
    public static string For(string language, string memberName)
    {
        var name = WebUtility.HtmlEncode(memberName);
        return language == Languages.English
            ? $"⚠️ <b>{name}</b> can no longer be reached: they blocked the bot or deleted their Telegram account. Reminders to them are not delivered."
            : $"⚠️ 无法联系 <b>{name}</b>：对方已屏蔽机器人或注销了 Telegram 账号，发给其的提醒无法送达。";
    }
}
