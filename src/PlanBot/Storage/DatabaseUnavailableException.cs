namespace PlanBot.Storage;

/// <summary>
/// The database cannot be used as configured (held by another bot, unreadable, not a database, read-only for a write):
/// the bot and the CLI print <see cref="Exception.Message"/> as one line naming the file, and exit 1.
/// </summary>
public sealed class DatabaseUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
