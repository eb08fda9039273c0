using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PlanBot.Telegram;

namespace PlanBot.Storage.Configurations;

public sealed class GroupStatusMessageConfiguration : IEntityTypeConfiguration<GroupStatusMessage>
{
    public void Configure(EntityTypeBuilder<GroupStatusMessage> builder)
    {
        builder.ToTable("GroupStatusMessages");
        builder.HasIndex(m => m.ChatId).IsUnique();
        builder.Property(m => m.Content).HasMaxLength(4096);
    }
}
