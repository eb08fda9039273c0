using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace PlanBot.Tests.Reliability;

/// <summary>
/// Random and malformed Telegram updates from a seeded <see cref="Random"/> (the same seed gives the same run):
/// commands with odd arguments, huge texts, odd Unicode (RTL overrides, zero-width, combining marks, emoji, lone
/// surrogates), wrong JSON types, missing fields, forged and replayed button data, replies to unknown messages,
/// commands in groups, edited messages.
/// </summary>
/// <param name="privateOnly">Senders who never write in a group (a supervisor there could /subscribe it to plan data).</param>
public sealed class UpdateFuzzer(int seed, IReadOnlyList<long> senders, IReadOnlyList<long> groups, IReadOnlyList<string> validButtonData, IReadOnlySet<long> privateOnly)
{
    private static readonly string[] Commands =
    [
        "/start", "/help", "/my", "/lists", "/list", "/task", "/progress", "/done", "/blocked", "/extend", "/overdue", "/digest",
        "/report", "/remind", "/invite", "/subscribe", "/unsubscribe", "/pause", "/lang", "/whoami", "/nosuch", "/", "//progress",
        "/progress@planbot_test_bot", "/PROGRESS", "/start@other_bot", "/ progress",
    ];

    private static readonly string[] Words =
    [
        "K-01", "k1", "K01", "K-05", "H-01", "D-01", "K-999", "X-01", "K-", "-01", "50", "50%", "0", "100", "101", "-5", "1e9",
        "99999999999999999999", "NaN", "１００", "五十", "3.5", "2024-12-31", "2024-02-30", "12/31", "明天", "en", "zh", "xx",
        "7", "off", "done", "完成", "ABCDEF12", "abcdef12", "' OR 1=1 --", "<b>x</b>", "&amp;", "\"", "\\", "%s", "{0}", "\t", "\n",
        "\u202Eevil\u202C", "\u200B", "\uFEFF", "e\u0301\u0301\u0301", "👩‍👩‍👧‍👦", "𠀋", "\u0000", "؟", "עברית",
    ];

    private readonly Random _random = new(seed);
    private long _updateId = 1_000_000;

    public int Generated { get; private set; }

    /// <summary>The next update as raw JSON text (what the webhook or getUpdates would carry).</summary>
    public string Next()
    {
        Generated++;
        var id = ++_updateId;
        var roll = _random.Next(100);
        JsonNode update = roll switch
        {
            < 55 => Wrap(id, "message", Message()),
            < 65 => Wrap(id, "edited_message", Message()),
            < 85 => Wrap(id, "callback_query", Callback()),
            < 88 => Wrap(id, "my_chat_member", MyChatMember(Sender())),
            < 90 => new JsonObject { ["update_id"] = id },
            _ => WrongTypes(id),
        };
        var json = update.ToJsonString();
        return _random.Next(200) == 0 ? json[..(json.Length / 2)] : json;
    }

    private static JsonObject Wrap(long id, string field, JsonNode payload) => new() { ["update_id"] = id, [field] = payload };

    private JsonObject MyChatMember(long sender) => new() { ["chat"] = Chat(sender), ["from"] = User(sender), ["date"] = 1 };

    private JsonObject Message()
    {
        var sender = Sender();
        var message = new JsonObject
        {
            ["message_id"] = _random.Next(1, 100_000),
            ["date"] = 1718589600,
            ["chat"] = Chat(sender),
            ["from"] = User(sender),
        };
        if (_random.Next(10) > 0)
        {
            message["text"] = Text();
        }
        else
        {
            message["caption"] = Text();
        }

        if (_random.Next(5) == 0)
        {
            message["reply_to_message"] = new JsonObject
            {
                ["message_id"] = _random.Next(1, 1_000_000),
                ["date"] = 1718500000,
                ["chat"] = message["chat"]!.DeepClone(),
                ["from"] = _random.Next(2) == 0
                    ? new JsonObject { ["id"] = FakeBotApi.FakeBotApiServer.BotId, ["is_bot"] = true, ["first_name"] = "PlanBot" }
                    : User(Sender()),
                ["text"] = "…",
            };
        }

        return message;
    }

    private JsonObject Callback()
    {
        var sender = Sender();
        var data = _random.Next(6) switch
        {
            0 => validButtonData[_random.Next(validButtonData.Count)],
            1 => Mutate(validButtonData[_random.Next(validButtonData.Count)]),
            2 => $"p:{_random.Next(-5, 50)}:{_random.Next(-10, 500)}",
            3 => $"{Pick(["p", "d", "b", "e", "xa", "xr", "z"])}:{_random.Next(1, 9)}:{_random.Next(0, 101)}:AAAAAAAAAAAAAAAA",
            4 => RandomString(_random.Next(0, 80)),
            _ => "",
        };
        var query = new JsonObject
        {
            ["id"] = "cq" + _random.Next().ToString(CultureInfo.InvariantCulture),
            ["from"] = User(sender),
            ["chat_instance"] = "ci",
            ["data"] = data,
        };
        if (_random.Next(8) > 0)
        {
            query["message"] = new JsonObject
            {
                ["message_id"] = _random.Next(1, 100_000),
                ["date"] = 1718589600,
                ["chat"] = Chat(sender),
                ["from"] = new JsonObject { ["id"] = FakeBotApi.FakeBotApiServer.BotId, ["is_bot"] = true, ["first_name"] = "PlanBot" },
                ["text"] = "…",
            };
        }

        return query;
    }

    /// <summary>Fields of the wrong JSON type, or missing where Telegram always sends them.</summary>
    private JsonObject WrongTypes(long id) => _random.Next(6) switch
    {
        0 => Wrap(id, "message", new JsonObject { ["message_id"] = "x", ["date"] = 1, ["chat"] = Chat(Sender()), ["text"] = "/my" }),
        1 => Wrap(id, "message", new JsonObject { ["message_id"] = 1, ["date"] = 1, ["chat"] = "private", ["text"] = "/my" }),
        2 => Wrap(id, "message", new JsonObject { ["message_id"] = 1, ["date"] = 1, ["chat"] = Chat(Sender()), ["from"] = User(Sender()), ["text"] = 12345 }),
        3 => Wrap(id, "callback_query", new JsonObject { ["id"] = 5, ["from"] = User(Sender()), ["chat_instance"] = "c", ["data"] = new JsonArray(1, 2) }),
        4 => new JsonObject { ["update_id"] = "not a number", ["message"] = Message() },
        _ => Wrap(id, "message", new JsonObject { ["message_id"] = 1, ["date"] = 1, ["chat"] = new JsonObject { ["id"] = 1.5, ["type"] = "private" }, ["text"] = "/my" }),
    };

    private long Sender() => senders[_random.Next(senders.Count)];

    /// <summary>A group, or the sender's private chat (whose id Telegram always makes the user's id).</summary>
    private JsonObject Chat(long sender) => _random.Next(4) == 0 && !privateOnly.Contains(sender)
        ? new JsonObject { ["id"] = groups[_random.Next(groups.Count)], ["type"] = Pick(["group", "supergroup"]), ["title"] = "群" }
        : new JsonObject { ["id"] = sender, ["type"] = "private", ["first_name"] = "U" };

    private JsonObject User(long id) => new()
    {
        ["id"] = id,
        ["is_bot"] = false,
        ["first_name"] = Pick(["张", "A", "\u202Emalicious", "", "<script>", "𠀋𠀋"]),
        ["language_code"] = Pick(["zh-hans", "en", "fr", "", "xx-YY"]),
    };

    private string Text() => _random.Next(20) switch
    {
        // Well-formed updates of any task (owner A trying owner B's tasks among them).
        < 3 => $"{Pick(["/progress", "/done", "/blocked", "/extend", "/task"])} {Pick(["K-01", "K-05", "H-01", "D-01", "h1", "d-1"])} {Pick(["50", "80%", "100", "2024-12-31 理由", "缺资金"])}",
        3 => new string(Pick(["啊", "a", "\u200B", "🙂", "<"])[0], _random.Next(4000, 40_000)),
        4 => RandomString(_random.Next(0, 300)),
        5 => "",
        < 12 => Pick(Commands) + string.Concat(Enumerable.Range(0, _random.Next(0, 5)).Select(_ => Pick([" ", "  ", "\u3000", "\n"]) + Pick(Words))),
        _ => string.Join(Pick([" ", ""]), Enumerable.Range(0, _random.Next(1, 6)).Select(_ => Pick(Words))),
    };

    private string Mutate(string data)
    {
        var chars = data.ToCharArray();
        var at = _random.Next(chars.Length);
        chars[at] = chars[at] == 'A' ? 'B' : 'A';
        return new string(chars);
    }

    /// <summary>Any UTF-16 code units, lone surrogates and control characters included.</summary>
    private string RandomString(int length)
    {
        var text = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            text.Append(_random.Next(4) switch
            {
                0 => (char)_random.Next(0x20, 0x7F),
                1 => (char)_random.Next(0x4E00, 0x9FFF),
                2 => (char)_random.Next(0xD800, 0xE000),
                _ => (char)_random.Next(0, 0x10000),
            });
        }

        return text.ToString();
    }

    private string Pick(string[] options) => options[_random.Next(options.Length)];
}
