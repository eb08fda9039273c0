using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PlanBot.Inbox;

namespace PlanBot.Storage.Configurations;

public sealed class InboxEntryConfiguration : IEntityTypeConfiguration<InboxEntry>
{
    public void Configure(EntityTypeBuilder<InboxEntry> builder)
    {
        builder.ToTable("Inbox");
        // Carries the dedupe: a redelivered update hits this index and is ignored.
        builder.HasIndex(e => e.UpdateId).IsUnique();
        builder.HasIndex(e => e.DeliveryId).IsUnique();
        builder.Property(e => e.DeliveryId).HasMaxLength(128);
        // The processor's query: pending entries in update order (DingTalk's, without one, in arrival order).
        builder.HasIndex(e => new { e.State, e.UpdateId });
        builder.Property(e => e.Error).HasMaxLength(2000);
    }
}
