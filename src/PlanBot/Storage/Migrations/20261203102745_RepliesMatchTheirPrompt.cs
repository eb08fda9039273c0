using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PlanBot.Storage.Migrations
{
    /// <inheritdoc />
    public partial class RepliesMatchTheirPrompt : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // An open question (at most six hours old) is not carried over: its message has no key to match a reply
            // to, and the owner simply presses the button again.
            migrationBuilder.DropTable(
                name: "PendingPrompts");

            migrationBuilder.AddColumn<string>(
                name: "ListedTaskIds",
                table: "SentMessages",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<Guid>(
                name: "ReplyKey",
                table: "SentMessages",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ListedTaskIds",
                table: "Outbox",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<Guid>(
                name: "ReplyKey",
                table: "Outbox",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Prompts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Key = table.Column<Guid>(type: "TEXT", nullable: false),
                    ChatId = table.Column<long>(type: "INTEGER", nullable: false),
                    MemberId = table.Column<int>(type: "INTEGER", nullable: false),
                    TaskId = table.Column<int>(type: "INTEGER", nullable: false),
                    Intent = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    AskedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    OpenUntilUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    AnsweredAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Prompts", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Prompts_ChatId_OpenUntilUtc",
                table: "Prompts",
                columns: new[] { "ChatId", "OpenUntilUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Prompts_Key",
                table: "Prompts",
                column: "Key",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Prompts");

            migrationBuilder.DropColumn(
                name: "ListedTaskIds",
                table: "SentMessages");

            migrationBuilder.DropColumn(
                name: "ReplyKey",
                table: "SentMessages");

            migrationBuilder.DropColumn(
                name: "ListedTaskIds",
                table: "Outbox");

            migrationBuilder.DropColumn(
                name: "ReplyKey",
                table: "Outbox");

            migrationBuilder.CreateTable(
                name: "PendingPrompts",
                columns: table => new
                {
                    ChatId = table.Column<long>(type: "INTEGER", nullable: false),
                    ExpiresAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Intent = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    MemberId = table.Column<int>(type: "INTEGER", nullable: false),
                    TaskId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PendingPrompts", x => x.ChatId);
                });
        }
    }
}
