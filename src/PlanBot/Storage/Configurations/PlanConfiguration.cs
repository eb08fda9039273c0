using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PlanBot.Plans;

namespace PlanBot.Storage.Configurations;

public sealed class PlanConfiguration : IEntityTypeConfiguration<Plan>
{
    public void Configure(EntityTypeBuilder<Plan> builder)
    {
        builder.Property(p => p.Organisation).HasMaxLength(200);
        builder.HasIndex(p => new { p.Year, p.Organisation }).IsUnique();
        builder.HasMany(p => p.Tasks).WithOne(t => t.Plan).HasForeignKey(t => t.PlanId);
    }
}
