using PlanBot.Chat;
using PlanBot.Plans;

namespace PlanBot.Tests.Support;

/// <summary>A member's ids as tests check them (the member must be loaded with its contacts).</summary>
public static class MemberContactsForTests
{
    public static long? TelegramId(this Member member) => member.UserOn(Channel.Telegram)?.Number;

    public static string Ids(this Member member) => string.Join(",", member.Contacts.Select(c => c.UserId.ToString()).Order(StringComparer.Ordinal));
}
