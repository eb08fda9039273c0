using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace PlanBot.Storage;

/// <summary>
/// One bot per SQLite file. Two bots on one file would each poll Telegram, apply every update and send every outbox row;
/// so the bot holds an exclusive lock on a file beside the database (<see cref="DatabaseFile.LockPath"/>) while it runs,
/// and a second bot refuses to start, naming the holder written in that file. The operating system drops the lock
/// when the holder's process ends, however it ends, so a crash never leaves a stale lease. CLI verbs do not take it
/// (they work beside a running bot), except to apply migrations, which must not run under a bot.
/// </summary>
/// <remarks>
/// The lock is a byte-range lock on the file's first byte (<see cref="FileStream.Lock"/>), which other processes honour;
/// the holder's description is written after it, where a refused process can still read it. Byte-range locks belong
/// to the process, so a second host in the same process (tests) is refused by the in-process registry instead.
/// </remarks>
public sealed class InstanceLease(DatabaseFile database, TimeProvider time) : IDisposable
{
    private const int DescriptionOffset = 16;
    private static readonly ConcurrentDictionary<string, InstanceLease> HeldInThisProcess = new(StringComparer.Ordinal);

    private readonly Lock _lock = new();
    private FileStream? _file;

    /// <summary>Whether this process may change the database as its only user (for an in-memory database: always).</summary>
    public bool IsHeld => !database.IsFile || _file is not null;

    /// <summary>Takes the lease, or returns false with the description of whoever holds it.</summary>
    public bool TryAcquire(out string holder)
    {
        holder = "";
        if (!database.IsFile)
        {
            return true;
        }

        lock (_lock)
        {
            if (_file is not null)
            {
                return true;
            }

            if (!HeldInThisProcess.TryAdd(database.LockPath, this))
            {
                holder = Description() + ", another host in this process";
                return false;
            }

            if (Open() is not { } file)
            {
                holder = ReadDescription();
                HeldInThisProcess.TryRemove(database.LockPath, out _);
                return false;
            }

            WriteDescription(file);
            _file = file;
            return true;
        }
    }

    public void Release()
    {
        lock (_lock)
        {
            if (_file is null)
            {
                return;
            }

            _file.SetLength(0);
            _file.Dispose();
            _file = null;
            HeldInThisProcess.TryRemove(database.LockPath, out _);
        }
    }

    public void Dispose() => Release();

    private static string Description() => string.Create(CultureInfo.InvariantCulture,
        $"process {Environment.ProcessId} on {Environment.MachineName}");

    private void WriteDescription(FileStream file)
    {
        var text = string.Create(CultureInfo.InvariantCulture,
            $"{Description()}, since {time.GetUtcNow():yyyy-MM-dd HH:mm:ss} UTC");
        file.SetLength(DescriptionOffset);
        file.Position = DescriptionOffset;
        file.Write(Encoding.UTF8.GetBytes(text));
        file.Flush(flushToDisk: true);
    }

    /// <summary>The locked file, or null when another process holds the lock.</summary>
    private FileStream? Open()
    {
        if (OperatingSystem.IsMacOS())
        {
            // No byte-range locks there: the file itself is opened exclusively, and the holder cannot be named.
            try
            {
                return new FileStream(database.LockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
                return null;
            }
        }

        var file = new FileStream(database.LockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
        try
        {
            // Released with the handle (or by the system when the process ends), so Release needs no Unlock.
            file.Lock(0, 1);
            return file;
        }
        catch (IOException)
        {
            file.Dispose();
            return null;
        }
    }

    private string ReadDescription()
    {
        try
        {
            using var file = new FileStream(database.LockPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            if (file.Length <= DescriptionOffset)
            {
                return "";
            }

            file.Position = DescriptionOffset;
            using var reader = new StreamReader(file, Encoding.UTF8, detectEncodingFromByteOrderMarks: false);
            return reader.ReadToEnd().Trim();
        }
        catch (IOException)
        {
            return "";
        }
    }
}
