using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PlanBot.Reports;

namespace PlanBot.Storage.Configurations;

public sealed class StoredReportConfiguration : IEntityTypeConfiguration<StoredReport>
{
    public void Configure(EntityTypeBuilder<StoredReport> builder)
    {
        builder.Property(r => r.Month).HasMaxLength(7);
        builder.HasIndex(r => r.Month).IsUnique();
    }
}
