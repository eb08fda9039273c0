using System.Globalization;
using Microsoft.Data.Sqlite;
using PlanBot.Outbox;
using Telegram.Bot;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace PlanBotBench;

/// <summary>
/// The second yardstick: an echo bot that keeps PlanBot's promises with the least code — raw ADO.NET on SQLite, the
/// same three loops and the same commits per update, nothing else. The receiver stores each getUpdates batch and the
/// next offset in one transaction (before the offset moves on); the processor marks each entry processed and writes
/// its answer to the outbox in one transaction per entry; the sender claims each row (a commit), sends it and records
/// it sent (a commit). The database is in WAL mode; the receiver's connection keeps <c>synchronous = FULL</c>, the
/// processor's and sender's use the given setting (PlanBot's choice, to be compared like with like). With indexes
/// on the state columns. The sender sends a wave at a time: the oldest pending row of each chat, all in flight at
/// once (one per chat keeps each chat's order), so a slow network does not serialise it.
/// </summary>
public sealed class DurableEchoBot(string token, string baseUrl, string databasePath, string processingSynchronous)
{
    private const int BatchSize = 100;
    private static readonly TimeSpan Idle = TimeSpan.FromSeconds(1);

    private readonly Wakeup _inbox = new();
    private readonly Wakeup _outbox = new();

    public async Task RunAsync(CancellationToken ct)
    {
        await using (var connection = await OpenAsync("FULL", ct))
        {
            await ExecuteAsync(connection, """
                PRAGMA journal_mode = WAL;
                CREATE TABLE IF NOT EXISTS Inbox (Id INTEGER PRIMARY KEY, UpdateId INTEGER NOT NULL UNIQUE, ChatId INTEGER NOT NULL,
                    Text TEXT NOT NULL, State INTEGER NOT NULL, ReceivedAtUtc TEXT NOT NULL, ProcessedAtUtc TEXT);
                CREATE INDEX IF NOT EXISTS Inbox_State ON Inbox (State, UpdateId);
                CREATE TABLE IF NOT EXISTS Outbox (Id INTEGER PRIMARY KEY, ChatId INTEGER NOT NULL, Text TEXT NOT NULL,
                    State INTEGER NOT NULL, CreatedAtUtc TEXT NOT NULL, ClaimedUntilUtc TEXT, SentAtUtc TEXT, TelegramMessageId INTEGER);
                CREATE INDEX IF NOT EXISTS Outbox_State ON Outbox (State, Id);
                CREATE TABLE IF NOT EXISTS Settings (Key TEXT PRIMARY KEY, Value TEXT NOT NULL);
                """, ct);
        }

        using var http = new HttpClient();
        var client = new TelegramBotClient(new TelegramBotClientOptions(token, baseUrl) { RetryThreshold = 0 }, http);
        try
        {
            await Task.WhenAll(ReceiveAsync(client, ct), ProcessAsync(ct), SendAsync(client, ct));
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Stopped at the end of the run.
        }
    }

    private async Task ReceiveAsync(TelegramBotClient client, CancellationToken ct)
    {
        await using var connection = await OpenAsync("FULL", ct);
        var offset = await ScalarAsync<long?>(connection, "SELECT CAST(Value AS INTEGER) FROM Settings WHERE Key = 'offset'", ct);
        while (!ct.IsCancellationRequested)
        {
            var updates = await client.GetUpdates((int?)offset, BatchSize, 1, [UpdateType.Message, UpdateType.CallbackQuery], ct);
            if (updates.Length == 0)
            {
                continue;
            }

            offset = updates.Max(u => u.Id) + 1;
            await using (var transaction = connection.BeginTransaction())
            {
                var now = Now();
                foreach (var update in updates)
                {
                    if (Answer(update) is { } answer)
                    {
                        await ExecuteAsync(connection, transaction, """
                            INSERT INTO Inbox (UpdateId, ChatId, Text, State, ReceivedAtUtc) VALUES ($update, $chat, $text, 0, $now)
                            ON CONFLICT (UpdateId) DO NOTHING
                            """, ct, ("$update", update.Id), ("$chat", answer.ChatId), ("$text", answer.Text), ("$now", now));
                    }
                }

                await ExecuteAsync(connection, transaction, "INSERT INTO Settings (Key, Value) VALUES ('offset', $offset) ON CONFLICT (Key) DO UPDATE SET Value = excluded.Value",
                    ct, ("$offset", offset.Value));
                await transaction.CommitAsync(ct);
            }

            _inbox.Pulse();
        }
    }

    private async Task ProcessAsync(CancellationToken ct)
    {
        await using var connection = await OpenAsync(processingSynchronous, ct);
        while (!ct.IsCancellationRequested)
        {
            var pending = new List<(long Id, long ChatId, string Text)>();
            await using (var select = Command(connection, "SELECT Id, ChatId, Text FROM Inbox WHERE State = 0 ORDER BY UpdateId LIMIT $n", ("$n", BatchSize)))
            await using (var reader = await select.ExecuteReaderAsync(ct))
            {
                while (await reader.ReadAsync(ct))
                {
                    pending.Add((reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2)));
                }
            }

            if (pending.Count == 0)
            {
                await _inbox.WaitAsync(Idle, TimeProvider.System, ct);
                continue;
            }

            foreach (var (id, chatId, text) in pending)
            {
                // One transaction per entry, as PlanBot: the processed mark and the answer commit together.
                await using var transaction = connection.BeginTransaction();
                var now = Now();
                var claimed = await ExecuteAsync(connection, transaction, "UPDATE Inbox SET State = 1, ProcessedAtUtc = $now WHERE Id = $id AND State = 0", ct, ("$now", now), ("$id", id));
                if (claimed == 1)
                {
                    await ExecuteAsync(connection, transaction, "INSERT INTO Outbox (ChatId, Text, State, CreatedAtUtc) VALUES ($chat, $text, 0, $now)",
                        ct, ("$chat", chatId), ("$text", text), ("$now", now));
                }

                await transaction.CommitAsync(ct);
                _outbox.Pulse();
            }
        }
    }

    private async Task SendAsync(TelegramBotClient client, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            var wave = new List<(long Id, long ChatId, string Text)>();
            await using (var connection = await OpenAsync(processingSynchronous, ct))
            await using (var select = Command(connection, "SELECT Id, ChatId, Text FROM Outbox WHERE State = 0 ORDER BY Id LIMIT $n", ("$n", BatchSize)))
            await using (var reader = await select.ExecuteReaderAsync(ct))
            {
                var chats = new HashSet<long>();
                while (await reader.ReadAsync(ct))
                {
                    if (chats.Add(reader.GetInt64(1)))
                    {
                        wave.Add((reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2)));
                    }
                }
            }

            if (wave.Count == 0)
            {
                await _outbox.WaitAsync(Idle, TimeProvider.System, ct);
                continue;
            }

            await Task.WhenAll(wave.Select(row => SendOneAsync(client, row.Id, row.ChatId, row.Text, ct)));
        }
    }

    private async Task SendOneAsync(TelegramBotClient client, long id, long chatId, string text, CancellationToken ct)
    {
        // Its own connection: the wave's sends commit concurrently (SQLite serialises the writes).
        await using var connection = await OpenAsync(processingSynchronous, ct);
        var until = Format(TimeProvider.System.GetUtcNow().AddMinutes(2));
        var claimed = await ExecuteAsync(connection,
            "UPDATE Outbox SET ClaimedUntilUtc = $until WHERE Id = $id AND State = 0 AND (ClaimedUntilUtc IS NULL OR ClaimedUntilUtc <= $now)",
            ct, ("$until", until), ("$id", id), ("$now", Now()));
        if (claimed == 0)
        {
            return;
        }

        var sent = await client.SendMessage(chatId, text, cancellationToken: CancellationToken.None);
        await ExecuteAsync(connection, "UPDATE Outbox SET State = 1, SentAtUtc = $now, TelegramMessageId = $message, ClaimedUntilUtc = NULL WHERE Id = $id",
            CancellationToken.None, ("$now", Now()), ("$message", sent.Id), ("$id", id));
    }

    /// <summary>What the bare echo bot would answer: the text, or a button's data, to the update's chat.</summary>
    private static (long ChatId, string Text)? Answer(Update update) => update switch
    {
        { Message: { } message } => (message.Chat.Id, message.Text ?? "…"),
        { CallbackQuery: { Message: { } card } query } => (card.Chat.Id, query.Data ?? "…"),
        _ => null,
    };

    private async Task<SqliteConnection> OpenAsync(string synchronous, CancellationToken ct)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath }.ToString());
        await connection.OpenAsync(ct);
        // As PlanBot's connections: SQLite itself waits for the write lock (SqliteBusyTimeout), and the chosen durability.
        await ExecuteAsync(connection, $"PRAGMA busy_timeout = 5000; PRAGMA synchronous = {synchronous};", ct);
        return connection;
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql, params (string Name, object Value)[] parameters) =>
        Command(connection, null, sql, parameters);

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql, params (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }

    private static Task<int> ExecuteAsync(SqliteConnection connection, string sql, CancellationToken ct, params (string Name, object Value)[] parameters) =>
        ExecuteAsync(connection, null, sql, ct, parameters);

    private static async Task<int> ExecuteAsync(
        SqliteConnection connection, SqliteTransaction? transaction, string sql, CancellationToken ct, params (string Name, object Value)[] parameters)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        return await command.ExecuteNonQueryAsync(ct);
    }

    private static async Task<T?> ScalarAsync<T>(SqliteConnection connection, string sql, CancellationToken ct)
    {
        await using var command = Command(connection, sql);
        var value = await command.ExecuteScalarAsync(ct);
        return value is null or DBNull ? default : (T)Convert.ChangeType(value, Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T), CultureInfo.InvariantCulture);
    }

    private static string Now() => Format(TimeProvider.System.GetUtcNow());

    private static string Format(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
}
