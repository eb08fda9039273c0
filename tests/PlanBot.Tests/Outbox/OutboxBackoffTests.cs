using PlanBot.Outbox;

namespace PlanBot.Tests.Outbox;

public sealed class OutboxBackoffTests
{
    [Theory]
    [InlineData(1, 0.8, 1.2)]
    [InlineData(3, 3.2, 4.8)]
    [InlineData(8, 102.4, 153.6)]
    [InlineData(30, 240, 300)]
    public void Retry_waits_grow_exponentially_up_to_five_minutes(int attempts, double atLeast, double atMost)
    {
        var wait = OutboxSender.Backoff(attempts);

        Assert.InRange(wait.TotalSeconds, atLeast, atMost);
    }
}
