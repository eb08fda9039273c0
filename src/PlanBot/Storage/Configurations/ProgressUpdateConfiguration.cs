using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PlanBot.Plans;

namespace PlanBot.Storage.Configurations;

public sealed class ProgressUpdateConfiguration : IEntityTypeConfiguration<ProgressUpdate>
{
    public void Configure(EntityTypeBuilder<ProgressUpdate> builder)
    {
        builder.ToTable("ProgressHistory");
        builder.Property(u => u.Value).HasConversion<double?>();
        builder.Property(u => u.Note).HasMaxLength(4000);
        builder.HasIndex(u => new { u.TaskId, u.AtUtc });
        builder.HasIndex(u => u.AtUtc);
        // The monthly report reads every row of the rare kinds (done, blocked, extensions …) among a year of progress.
        builder.HasIndex(u => u.Kind);
        builder.HasOne(u => u.Member).WithMany().HasForeignKey(u => u.MemberId).OnDelete(DeleteBehavior.SetNull);
    }
}
