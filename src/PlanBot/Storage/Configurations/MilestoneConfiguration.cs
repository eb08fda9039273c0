using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PlanBot.Plans;

namespace PlanBot.Storage.Configurations;

public sealed class MilestoneConfiguration : IEntityTypeConfiguration<Milestone>
{
    public void Configure(EntityTypeBuilder<Milestone> builder)
    {
        builder.Property(m => m.Title).HasMaxLength(200);
        builder.HasIndex(m => new { m.TaskId, m.Date });
    }
}
