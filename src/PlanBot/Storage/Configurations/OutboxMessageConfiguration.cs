using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PlanBot.Outbox;

namespace PlanBot.Storage.Configurations;

public sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable("Outbox");
        // Each channel's sender's query: its pending messages in order of when they may next be tried.
        builder.HasIndex(m => new { m.Channel, m.State, m.NextAttemptAtUtc });
        // A chat's earlier pending row holds its later ones back, and a chat with an answer waiting goes first: both are
        // looked up per chat in every wave (OutboxSender).
        builder.HasIndex(m => new { m.ChatId, m.State });
    }
}
