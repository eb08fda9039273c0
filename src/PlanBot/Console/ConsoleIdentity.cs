namespace PlanBot.Console;

/// <summary>
/// Telegram ids the console uses: far below any real Telegram chat (users are positive, supergroups about −1.0×10^12),
/// so console chats never collide with Telegram ones.
/// </summary>
public static class ConsoleIdentity
{
    /// <summary>The console's own admin.</summary>
    public const long AdminUserId = -9_000_000_000_000;

    /// <summary>The pseudo Telegram user id a roster member gets when the console speaks as them (/as).</summary>
    public static long PseudoUserId(int memberId) => AdminUserId - memberId;

    public static bool IsConsoleChat(long chatId) => chatId <= AdminUserId;
}
