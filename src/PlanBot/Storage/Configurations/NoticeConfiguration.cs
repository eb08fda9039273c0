using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PlanBot.Supervision;

namespace PlanBot.Storage.Configurations;

public sealed class NoticeConfiguration : IEntityTypeConfiguration<Notice>
{
    public void Configure(EntityTypeBuilder<Notice> builder)
    {
        // One number per series, and one notice of a kind per task and day: two instances watching at once cannot
        // both issue (or number) the same notice.
        builder.HasIndex(n => new { n.Year, n.Kind, n.Number }).IsUnique();
        builder.HasIndex(n => new { n.TaskId, n.Kind, n.IssuedOn }).IsUnique();
        builder.Property(n => n.Situation).HasMaxLength(500);
        builder.Property(n => n.Reply).HasMaxLength(4000);
        builder.HasOne(n => n.Task).WithMany().HasForeignKey(n => n.TaskId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(n => n.Member).WithMany().HasForeignKey(n => n.MemberId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(n => n.ClosedNote).HasMaxLength(100);
        builder.Ignore(n => n.Title);
    }
}
