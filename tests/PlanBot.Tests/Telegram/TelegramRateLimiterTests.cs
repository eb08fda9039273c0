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

        Assert.Equal(TimeSpan.Zero, limiter.TryReserve(42));
        var wait = limiter.TryReserve(42);

        Assert.InRange(wait, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1.2));
        Assert.Equal(TimeSpan.Zero, limiter.TryReserve(43));
        _time.Advance(wait);
        Assert.Equal(TimeSpan.Zero, limiter.TryReserve(42));
    }

    [Fact]
    public void Group_gets_at_most_twenty_messages_a_minute()
    {
        var limiter = new TelegramRateLimiter(_time);
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(TimeSpan.Zero, limiter.TryReserve(-100));
            _time.Advance(TimeSpan.FromSeconds(2));
        }

        var wait = limiter.TryReserve(-100);

        Assert.InRange(wait, TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(22));
        _time.Advance(wait);
        Assert.Equal(TimeSpan.Zero, limiter.TryReserve(-100));
    }

    [Fact]
    public void All_chats_together_get_at_most_thirty_slots_a_second_taken_before_any_send_starts()
    {
        var limiter = new TelegramRateLimiter(_time);
        for (var chat = 1; chat <= 30; chat++)
        {
            Assert.Equal(TimeSpan.Zero, limiter.TryReserve(chat));
        }

        // Thirty sends in flight at once and none answered yet: the thirty-first still waits.
        Assert.InRange(limiter.TryReserve(31), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1.2));
        Assert.InRange(limiter.NextSlotIn(), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1.2));
    }

    [Fact]
    public void A_refused_reservation_takes_nothing_and_a_released_one_is_given_back()
    {
        var limiter = new TelegramRateLimiter(_time);
        Assert.Equal(TimeSpan.Zero, limiter.TryReserve(7));
        Assert.NotEqual(TimeSpan.Zero, limiter.TryReserve(7));

        limiter.Release(7);

        Assert.Equal(TimeSpan.Zero, limiter.TryReserve(7));
        for (var chat = 100; chat < 129; chat++)
        {
            Assert.Equal(TimeSpan.Zero, limiter.TryReserve(chat));
        }

        // 30 slots in use (7 and 100-128): the refused tries on chat 7 counted for nothing.
        Assert.NotEqual(TimeSpan.Zero, limiter.TryReserve(200));
    }

    [Fact]
    public void A_pause_holds_every_chat_until_it_ends()
    {
        var limiter = new TelegramRateLimiter(_time);
        limiter.PauseUntil(_time.GetUtcNow() + TimeSpan.FromSeconds(5));

        Assert.Equal(TimeSpan.FromSeconds(5), limiter.TryReserve(1));
        Assert.Equal(TimeSpan.FromSeconds(5), limiter.NextSlotIn());
        // A shorter retry_after answered meanwhile does not shorten the pause.
        limiter.PauseUntil(_time.GetUtcNow() + TimeSpan.FromSeconds(1));
        _time.Advance(TimeSpan.FromSeconds(4));
        Assert.Equal(TimeSpan.FromSeconds(1), limiter.TryReserve(1));

        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(TimeSpan.Zero, limiter.TryReserve(1));
    }

    [Fact]
    public void A_slot_counts_from_when_telegram_can_have_received_the_send_not_from_when_it_started()
    {
        var limiter = new TelegramRateLimiter(_time);
        // Cold: a send that started at 0 and was answered 400 ms later (a new connection's handshake, say) may have
        // arrived just before its answer, so its chat's slot runs from the answer.
        var started = _time.GetUtcNow();
        Assert.Equal(TimeSpan.Zero, limiter.TryReserve(1));
        _time.Advance(TimeSpan.FromMilliseconds(400));
        limiter.Answered(1, started);
        Assert.InRange(limiter.TryReserve(1), TimeSpan.FromMilliseconds(1099), TimeSpan.FromMilliseconds(1100));

        // Warm: after 32 answers 80-100 ms after their start, a send answered 300 ms after its start counts from 80 ms
        // before the answer (the shortest round trip), not from its start.
        for (var chat = 100; chat < 132; chat++)
        {
            _time.Advance(TimeSpan.FromSeconds(2));
            var at = _time.GetUtcNow();
            Assert.Equal(TimeSpan.Zero, limiter.TryReserve(chat));
            _time.Advance(TimeSpan.FromMilliseconds(chat % 2 == 0 ? 80 : 100));
            limiter.Answered(chat, at);
        }

        _time.Advance(TimeSpan.FromSeconds(2));
        var slow = _time.GetUtcNow();
        Assert.Equal(TimeSpan.Zero, limiter.TryReserve(2));
        _time.Advance(TimeSpan.FromMilliseconds(300));
        limiter.Answered(2, slow);
        Assert.InRange(limiter.TryReserve(2), TimeSpan.FromMilliseconds(1100 - 80 - 1), TimeSpan.FromMilliseconds(1100 - 80));
    }

    [Fact]
    public void A_send_answered_after_the_window_still_holds_its_chat_from_the_answer()
    {
        var limiter = new TelegramRateLimiter(_time);
        var started = _time.GetUtcNow();
        Assert.Equal(TimeSpan.Zero, limiter.TryReserve(5));
        // The answer takes 1.5 s; meanwhile other sends prune the overall window past this send's slot.
        _time.Advance(TimeSpan.FromMilliseconds(1500));
        Assert.Equal(TimeSpan.Zero, limiter.TryReserve(6));

        limiter.Answered(5, started);

        Assert.InRange(limiter.TryReserve(5), TimeSpan.FromMilliseconds(1099), TimeSpan.FromMilliseconds(1100));
    }
}
