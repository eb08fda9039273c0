using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PlanBot.Chat.Progress;

namespace PlanBot.Storage.Configurations;

public sealed class PromptConfiguration : IEntityTypeConfiguration<Prompt>
{
    public void Configure(EntityTypeBuilder<Prompt> builder)
    {
        // A reply finds its question by key; a plain message looks for the chat's newest open one.
        builder.HasIndex(p => p.Key).IsUnique();
        builder.HasIndex(p => new { p.ChatId, p.OpenUntilUtc });
        builder.HasOne(p => p.Notice).WithMany().HasForeignKey(p => p.NoticeId).OnDelete(DeleteBehavior.Cascade);
    }
}
