using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PlanBot.Storage.Configurations;

public sealed class BotStateEntryConfiguration : IEntityTypeConfiguration<BotStateEntry>
{
    public void Configure(EntityTypeBuilder<BotStateEntry> builder)
    {
        // The table keeps its first name; raw SQL (the polling offset) writes to it.
        builder.ToTable("BotSettings");
        builder.HasKey(s => s.Key);
        builder.Property(s => s.Key).HasMaxLength(100);
        builder.Property(s => s.Value).HasMaxLength(1000);
    }
}
