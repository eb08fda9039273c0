using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PlanBot.Dashboard;

namespace PlanBot.Storage.Configurations;

public sealed class DashboardTokenConfiguration : IEntityTypeConfiguration<DashboardToken>
{
    public void Configure(EntityTypeBuilder<DashboardToken> builder)
    {
        builder.HasIndex(t => t.TokenHash).IsUnique();
        builder.Property(t => t.TokenHash).HasMaxLength(64);
        builder.HasIndex(t => t.ExpiresAtUtc);
        builder.HasOne<Plans.Member>().WithMany().HasForeignKey(t => t.MemberId).OnDelete(DeleteBehavior.Cascade);
    }
}
