using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PlanBot.Plans;

namespace PlanBot.Storage.Configurations;

public sealed class MemberContactConfiguration : IEntityTypeConfiguration<MemberContact>
{
    public void Configure(EntityTypeBuilder<MemberContact> builder)
    {
        // A person on a channel is one member: joining twice, or two members claiming one id, is refused by the database too.
        builder.HasIndex(c => c.UserId).IsUnique();
    }
}
