using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace PlanBot.Storage;

/// <summary>A save refused by a unique index: another writer (a second instance, a concurrent job) recorded the same thing first.</summary>
public static class UniqueViolation
{
    // SQLITE_CONSTRAINT_UNIQUE and SQLITE_CONSTRAINT_PRIMARYKEY: not a foreign key or NOT NULL failure, which is a bug.
    public static bool Is(DbUpdateException e) => e.InnerException is SqliteException { SqliteExtendedErrorCode: 2067 or 1555 };
}
