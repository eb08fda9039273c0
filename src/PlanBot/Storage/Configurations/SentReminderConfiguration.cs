using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PlanBot.Scheduling;

namespace PlanBot.Storage.Configurations;

public sealed class SentReminderConfiguration : IEntityTypeConfiguration<SentReminder>
{
    public void Configure(EntityTypeBuilder<SentReminder> builder)
    {
        builder.Property(r => r.Key).HasMaxLength(80);
        // The idempotency of every reminder rests on this index.
        builder.HasIndex(r => r.Key).IsUnique();
        // Check-in and escalation look back for earlier reminders of the same task.
        builder.HasIndex(r => new { r.TaskId, r.Kind, r.Date });
    }
}
