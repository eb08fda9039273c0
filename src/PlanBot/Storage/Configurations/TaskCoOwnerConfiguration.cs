using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PlanBot.Plans;

namespace PlanBot.Storage.Configurations;

public sealed class TaskCoOwnerConfiguration : IEntityTypeConfiguration<TaskCoOwner>
{
    public void Configure(EntityTypeBuilder<TaskCoOwner> builder)
    {
        builder.HasKey(c => new { c.TaskId, c.MemberId });
        builder.HasOne(c => c.Member).WithMany().HasForeignKey(c => c.MemberId).OnDelete(DeleteBehavior.Cascade);
    }
}
