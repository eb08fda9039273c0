using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PlanBot.Storage.Configurations;

public sealed class BotSettingConfiguration : IEntityTypeConfiguration<BotSetting>
{
    public void Configure(EntityTypeBuilder<BotSetting> builder)
    {
        builder.ToTable("BotSettings");
        builder.HasKey(s => s.Key);
        builder.Property(s => s.Key).HasMaxLength(64);
        builder.Property(s => s.Value).HasMaxLength(1000);
    }
}
