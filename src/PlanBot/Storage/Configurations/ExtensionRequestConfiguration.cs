using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PlanBot.Plans;

namespace PlanBot.Storage.Configurations;

public sealed class ExtensionRequestConfiguration : IEntityTypeConfiguration<ExtensionRequest>
{
    public void Configure(EntityTypeBuilder<ExtensionRequest> builder)
    {
        builder.Property(e => e.Reason).HasMaxLength(2000);
        builder.HasOne(e => e.Task).WithMany().HasForeignKey(e => e.TaskId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(e => new { e.TaskId, e.Status });
    }
}
