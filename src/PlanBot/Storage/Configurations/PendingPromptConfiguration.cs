using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PlanBot.Chat.Progress;

namespace PlanBot.Storage.Configurations;

public sealed class PendingPromptConfiguration : IEntityTypeConfiguration<PendingPrompt>
{
    public void Configure(EntityTypeBuilder<PendingPrompt> builder)
    {
        builder.HasKey(p => p.ChatId);
        builder.Property(p => p.ChatId).ValueGeneratedNever();
    }
}
