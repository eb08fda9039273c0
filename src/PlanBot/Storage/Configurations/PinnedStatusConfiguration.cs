using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PlanBot.Reports;

namespace PlanBot.Storage.Configurations;

public sealed class PinnedStatusConfiguration : IEntityTypeConfiguration<PinnedStatus>
{
    public void Configure(EntityTypeBuilder<PinnedStatus> builder)
    {
        builder.HasIndex(s => s.ChatId).IsUnique();
        builder.HasOne(s => s.LastOutboxMessage).WithMany().HasForeignKey(s => s.LastOutboxMessageId).OnDelete(DeleteBehavior.SetNull);
    }
}
