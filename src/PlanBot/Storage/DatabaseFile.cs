using Microsoft.Data.Sqlite;

namespace PlanBot.Storage;

/// <summary>Where the configured SQLite database lives: its file and the lock file beside it (none for an in-memory database).</summary>
public sealed class DatabaseFile
{
    public DatabaseFile(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        IsFile = builder.Mode != SqliteOpenMode.Memory && builder.DataSource is { Length: > 0 } source && source != ":memory:";
        // SQLite opens a relative path against the working folder, as this does.
        Path = IsFile ? System.IO.Path.GetFullPath(builder.DataSource) : builder.DataSource;
    }

    public bool IsFile { get; }

    /// <summary>The full path of the database file (or the in-memory name).</summary>
    public string Path { get; }

    /// <summary>The file the running bot locks, beside the database.</summary>
    public string LockPath => Path + ".lock";
}
