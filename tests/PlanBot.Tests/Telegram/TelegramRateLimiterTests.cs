using Microsoft.Extensions.Time.Testing;
using PlanBot.Telegram;

namespace PlanBot.Tests.Telegram;

public sealed class TelegramRateLimiterTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2024, 5, 6, 1, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Private_chat_gets_at_most_one_message_a_second()
    {
        var limiter = new TelegramRateLimiter(_time);

        Assert.Equal(TimeSpan.Zero, limiter.DelayFor(42));
        limiter.Record(42);
        var wait = limiter.DelayFor(42);

        Assert.InRange(wait, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1.2));
        Assert.Equal(TimeSpan.Zero, limiter.DelayFor(43));
        _time.Advance(wait);
        Assert.Equal(TimeSpan.Zero, limiter.DelayFor(42));
    }

    [Fact]
    public void Group_gets_at_most_twenty_messages_a_minute()
    {
        var limiter = new TelegramRateLimiter(_time);
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(TimeSpan.Zero, limiter.DelayFor(-100));
            limiter.Record(-100);
            _time.Advance(TimeSpan.FromSeconds(2));
        }

        var wait = limiter.DelayFor(-100);

        Assert.InRange(wait, TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(22));
        _time.Advance(wait);
        Assert.Equal(TimeSpan.Zero, limiter.DelayFor(-100));
    }

    [Fact]
    public void All_chats_together_get_at_most_thirty_messages_a_second()
    {
        var limiter = new TelegramRateLimiter(_time);
        for (var chat = 1; chat <= 30; chat++)
        {
            Assert.Equal(TimeSpan.Zero, limiter.DelayFor(chat));
            limiter.Record(chat);
        }

        Assert.InRange(limiter.DelayFor(31), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1.2));
    }
}
