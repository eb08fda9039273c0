using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PlanBot.Outbox;

namespace PlanBot.Storage.Configurations;

public sealed class SentMessageConfiguration : IEntityTypeConfiguration<SentMessage>
{
    public void Configure(EntityTypeBuilder<SentMessage> builder)
    {
        // Message ids are per chat; the pair identifies what a reply points at.
        builder.HasIndex(m => new { m.ChatId, m.TelegramMessageId }).IsUnique();
        builder.HasIndex(m => m.OutboxId);
    }
}
