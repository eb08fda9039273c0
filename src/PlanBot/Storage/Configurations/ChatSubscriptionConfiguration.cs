using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PlanBot.Chat;

namespace PlanBot.Storage.Configurations;

public sealed class ChatSubscriptionConfiguration : IEntityTypeConfiguration<ChatSubscription>
{
    public void Configure(EntityTypeBuilder<ChatSubscription> builder)
    {
        builder.HasIndex(s => s.ChatId).IsUnique();
    }
}
