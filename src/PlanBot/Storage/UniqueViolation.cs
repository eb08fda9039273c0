using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace PlanBot.Storage;

/// <summary>A save refused by a unique index: another writer (a second instance, a concurrent job) recorded the same thing first.</summary>
public static class UniqueViolation
{
    public static bool Is(DbUpdateException e) => e.InnerException is SqliteException { SqliteErrorCode: 19 };
}
