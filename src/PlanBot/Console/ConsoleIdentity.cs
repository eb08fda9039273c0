using PlanBot.Chat;
using PlanBot.Plans;

namespace PlanBot.Console;

/// <summary>The console's own people: its admin, and the pseudo identities roster members get when the console speaks as them.</summary>
public static class ConsoleIdentity
{
    private const long AdminNumber = -9_000_000_000_000;

    /// <summary>The console's own admin (also its private chat).</summary>
    public static ChatAddress Admin { get; } = ChatAddress.Console(AdminNumber);

    /// <summary>The console identity a roster member gets when the console speaks as them (/as) and they have none elsewhere.</summary>
    public static ChatAddress Pseudo(int memberId) => ChatAddress.Console(AdminNumber - memberId);

    public static bool IsConsoleChat(ChatAddress chatId) => chatId.Channel == Channel.Console;
}
