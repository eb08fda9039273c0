using System.Text.Json;
using PlanBot.Chat;
using PlanBot.Telegram;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace PlanBot.Tests.Telegram;

public sealed class UpdateMapperTests
{
    [Fact]
    public void Private_text_reply_keeps_sender_reply_target_and_language()
    {
        var message = Map("""
            {"update_id":10,"message":{"message_id":55,"date":1700000000,
              "chat":{"id":42,"type":"private","first_name":"Li"},
              "from":{"id":42,"is_bot":false,"first_name":"Li","last_name":"Wei","language_code":"en"},
              "text":"60 已完成招标","reply_to_message":{"message_id":50,"date":1700000000,"chat":{"id":42,"type":"private"},"text":"card"}}}
            """);

        Assert.Equal(new InboundMessage(10, InboundKind.Message, 42, true, 42, "Li Wei", "60 已完成招标",
            MessageId: 55, ReplyToMessageId: 50, FromLanguageCode: "en"), message);
    }

    [Theory]
    [InlineData("group")]
    [InlineData("supergroup")]
    public void Group_message_is_not_private(string chatType)
    {
        var message = Map($$"""
            {"update_id":11,"message":{"message_id":3,"date":1700000000,"chat":{"id":-100200,"type":"{{chatType}}","title":"领导群"},
              "from":{"id":7,"is_bot":false,"first_name":"Zhang"},"text":"/lists@planbot_test_bot"} }
            """);

        Assert.False(message.IsPrivateChat);
        Assert.Equal(-100200, message.ChatId);
        Assert.Equal(7, message.FromUserId);
        Assert.Equal("/lists@planbot_test_bot", message.Text);
    }

    [Fact]
    public void Edited_message_is_its_own_kind()
    {
        var message = Map("""
            {"update_id":12,"edited_message":{"message_id":9,"date":1700000000,"edit_date":1700000100,
              "chat":{"id":42,"type":"private"},"from":{"id":42,"is_bot":false,"first_name":"Li"},"text":"fixed"}}
            """);

        Assert.Equal(InboundKind.EditedMessage, message.Kind);
        Assert.Equal("fixed", message.Text);
        Assert.Equal(9, message.MessageId);
    }

    [Fact]
    public void Photo_caption_is_the_text()
    {
        var message = Map("""
            {"update_id":13,"message":{"message_id":9,"date":1700000000,"chat":{"id":42,"type":"private"},
              "from":{"id":42,"is_bot":false,"first_name":"Li"},"caption":"现场照片",
              "photo":[{"file_id":"a","file_unique_id":"b","width":1,"height":1}]}}
            """);

        Assert.Equal("现场照片", message.Text);
    }

    [Fact]
    public void Button_press_carries_its_query_data_and_the_cards_chat_and_message()
    {
        var message = Map("""
            {"update_id":14,"callback_query":{"id":"q1","from":{"id":42,"is_bot":false,"first_name":"Li","language_code":"zh-hans"},
              "chat_instance":"c","data":"p:17:50:abc",
              "message":{"message_id":88,"date":1700000000,"chat":{"id":-5001,"type":"supergroup","title":"群"},"text":"card"}}}
            """);

        Assert.Equal(new InboundMessage(14, InboundKind.Callback, -5001, false, 42, "Li", null,
            MessageId: 88, CallbackQueryId: "q1", CallbackData: "p:17:50:abc", FromLanguageCode: "zh-hans"), message);
    }

    [Fact]
    public void Anything_else_is_other_and_keeps_who_and_where()
    {
        var message = Map("""
            {"update_id":15,"my_chat_member":{"chat":{"id":42,"type":"private"},"from":{"id":42,"is_bot":false,"first_name":"Li"},"date":1700000000,
              "old_chat_member":{"status":"member","user":{"id":1,"is_bot":true,"first_name":"Bot"}},
              "new_chat_member":{"status":"kicked","user":{"id":1,"is_bot":true,"first_name":"Bot"},"until_date":0}}}
            """);

        Assert.Equal(InboundKind.Other, message.Kind);
        Assert.Equal(15, message.UpdateId);
        Assert.Equal(42, message.ChatId);
        Assert.Null(message.Text);
    }

    [Fact]
    public void Group_upgrade_is_a_move_from_the_old_id_to_the_new_one_whichever_side_announces_it()
    {
        var inOld = Map("""
            {"update_id":16,"message":{"message_id":9,"date":1700000000,"chat":{"id":-5001,"type":"group","title":"领导群"},
              "from":{"id":42,"is_bot":false,"first_name":"Li"},"migrate_to_chat_id":-1000000005001}}
            """);
        var inNew = Map("""
            {"update_id":17,"message":{"message_id":1,"date":1700000000,"chat":{"id":-1000000005001,"type":"supergroup","title":"领导群"},
              "from":{"id":42,"is_bot":false,"first_name":"Li"},"migrate_from_chat_id":-5001}}
            """);

        Assert.All([inOld, inNew], m =>
        {
            Assert.Equal(InboundKind.ChatMoved, m.Kind);
            Assert.Equal(-5001, m.ChatId);
            Assert.Equal(-1000000005001, m.MovedToChatId);
            Assert.Equal("领导群", m.ChatTitle);
        });
    }

    [Theory]
    [InlineData("kicked", true)]
    [InlineData("left", true)]
    [InlineData("member", false)]
    [InlineData("administrator", false)]
    public void Bot_kicked_from_or_leaving_a_group_is_a_removal(string status, bool removed)
    {
        var message = Map("""
            {"update_id":18,"my_chat_member":{"chat":{"id":-5001,"type":"group","title":"领导群"},"from":{"id":42,"is_bot":false,"first_name":"Li"},"date":1700000000,
              "old_chat_member":{"status":"member","user":{"id":1,"is_bot":true,"first_name":"Bot"}},
              "new_chat_member":{"status":"STATUS","user":{"id":1,"is_bot":true,"first_name":"Bot"},"until_date":0,
                "can_be_edited":false,"can_manage_chat":true,"can_delete_messages":true,"can_manage_video_chats":true,"can_restrict_members":true,
                "can_promote_members":false,"can_change_info":true,"can_invite_users":true,"can_post_stories":false,"can_edit_stories":false,
                "can_delete_stories":false,"is_anonymous":false}}}
            """.Replace("STATUS", status, StringComparison.Ordinal));

        Assert.Equal(removed ? InboundKind.BotRemoved : InboundKind.Other, message.Kind);
        Assert.Equal(-5001, message.ChatId);
    }

    private static InboundMessage Map(string json) =>
        UpdateMapper.Map(JsonSerializer.Deserialize<Update>(json, JsonBotAPI.Options)!);
}
