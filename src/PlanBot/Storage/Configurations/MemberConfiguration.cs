using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PlanBot.Plans;

namespace PlanBot.Storage.Configurations;

public sealed class MemberConfiguration : IEntityTypeConfiguration<Member>
{
    public void Configure(EntityTypeBuilder<Member> builder)
    {
        builder.Property(m => m.Name).HasMaxLength(100);
        builder.HasIndex(m => m.Name).IsUnique();
        builder.Property(m => m.Unit).HasMaxLength(100);
        builder.Property(m => m.Language).HasMaxLength(8);
        // Flags are stored as their names too ("Owner, Supervisor").
        builder.Property(m => m.Roles).HasMaxLength(64);
        builder.HasMany(m => m.Contacts).WithOne(c => c.Member).HasForeignKey(c => c.MemberId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(m => m.ChatId);
    }
}
