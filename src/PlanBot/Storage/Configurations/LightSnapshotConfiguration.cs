using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PlanBot.Plans;

namespace PlanBot.Storage.Configurations;

public sealed class LightSnapshotConfiguration : IEntityTypeConfiguration<LightSnapshot>
{
    public void Configure(EntityTypeBuilder<LightSnapshot> builder)
    {
        builder.Property(s => s.Month).HasMaxLength(7);
        // One snapshot per task and month: two instances taking the same month's snapshot cannot both succeed.
        builder.HasIndex(s => new { s.Month, s.TaskId }).IsUnique();
        builder.HasOne<PlanTask>().WithMany().HasForeignKey(s => s.TaskId).OnDelete(DeleteBehavior.Cascade);
    }
}
