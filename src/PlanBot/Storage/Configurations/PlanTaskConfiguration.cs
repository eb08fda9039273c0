using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PlanBot.Plans;

namespace PlanBot.Storage.Configurations;

public sealed class PlanTaskConfiguration : IEntityTypeConfiguration<PlanTask>
{
    public void Configure(EntityTypeBuilder<PlanTask> builder)
    {
        builder.ToTable("Tasks");
        builder.Property(t => t.Code).HasMaxLength(16);
        builder.HasIndex(t => new { t.PlanId, t.Code }).IsUnique();
        builder.HasIndex(t => t.Deadline);
        builder.Property(t => t.Title).HasMaxLength(200);
        builder.Property(t => t.LeadUnit).HasMaxLength(100);
        builder.Property(t => t.TargetUnit).HasMaxLength(20);
        builder.Property(t => t.TargetLabel).HasMaxLength(100);
        builder.Property(t => t.TargetValue).HasConversion<double?>();
        builder.Property(t => t.CurrentValue).HasConversion<double?>();
        builder.HasOne(t => t.Owner).WithMany().HasForeignKey(t => t.OwnerId).OnDelete(DeleteBehavior.SetNull);
        builder.HasMany(t => t.CoOwners).WithOne().HasForeignKey(c => c.TaskId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(t => t.Milestones).WithOne().HasForeignKey(m => m.TaskId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(t => t.History).WithOne().HasForeignKey(h => h.TaskId).OnDelete(DeleteBehavior.Restrict);
        builder.Ignore(t => t.HasTarget);
    }
}
