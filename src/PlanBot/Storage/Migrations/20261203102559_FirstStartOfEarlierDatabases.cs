using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PlanBot.Storage.Migrations
{
    /// <summary>
    /// Data only. The bot now records its first start (Clock/FirstStart, BotSettings "Bot:FirstStartedAtUtc") and
    /// catches up nothing that fell due before it. A database that already has a bot's traces (messages in or out, bot
    /// state) was running before that was recorded: it gets the earliest possible first start, so its next start still
    /// catches up what fell due while it was down. A new database is empty here and records its own first start.
    /// </summary>
    public partial class FirstStartOfEarlierDatabases : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                INSERT INTO "BotSettings" ("Key", "Value")
                SELECT 'Bot:FirstStartedAtUtc', '0001-01-01T00:00:00.0000000+00:00'
                WHERE EXISTS (SELECT 1 FROM "Outbox") OR EXISTS (SELECT 1 FROM "Inbox") OR EXISTS (SELECT 1 FROM "BotSettings");
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Nothing to undo: earlier versions do not read the setting.
        }
    }
}
