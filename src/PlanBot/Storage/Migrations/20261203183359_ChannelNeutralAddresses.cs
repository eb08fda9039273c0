using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PlanBot.Storage.Migrations
{
    /// <inheritdoc />
    public partial class ChannelNeutralAddresses : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "MemberContacts",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    MemberId = table.Column<int>(type: "INTEGER", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    PrivateChat = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    LinkedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MemberContacts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MemberContacts_Members_MemberId",
                        column: x => x.MemberId,
                        principalTable: "Members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.AddColumn<string>(
                name: "Channel",
                table: "Outbox",
                type: "TEXT",
                maxLength: 32,
                nullable: false,
                defaultValue: "Telegram");

            migrationBuilder.AddColumn<string>(
                name: "UsedBy",
                table: "Invites",
                type: "TEXT",
                maxLength: 128,
                nullable: true);

            // Before any column changes type: copy each Telegram id into its channel-neutral form while the old columns
            // are still there. Ids at or below -9,000,000,000,000 were the console's own (ConsoleIdentity).
            const string Channel = "CASE WHEN {0} <= -9000000000000 THEN 'console:' ELSE 'telegram:' END || {0}";
            migrationBuilder.Sql(
                "INSERT INTO MemberContacts (MemberId, UserId, PrivateChat, LinkedAtUtc) SELECT Id, "
                + string.Format(System.Globalization.CultureInfo.InvariantCulture, Channel, "TelegramUserId") + ", "
                + "CASE WHEN ChatId IS NULL THEN NULL ELSE " + string.Format(System.Globalization.CultureInfo.InvariantCulture, Channel, "ChatId") + " END, "
                + "CreatedAtUtc FROM Members WHERE TelegramUserId IS NOT NULL;");
            migrationBuilder.Sql("UPDATE Invites SET UsedBy = 'telegram:' || UsedByTelegramUserId WHERE UsedByTelegramUserId IS NOT NULL;");
            migrationBuilder.Sql(
                "UPDATE Outbox SET Channel = CASE WHEN ChatId <= -9000000000000 THEN 'Console' ELSE 'Telegram' END, ChatId = "
                + string.Format(System.Globalization.CultureInfo.InvariantCulture, Channel, "ChatId") + ";");
            foreach (var table in new[] { "Members", "SentMessages", "Prompts", "ChatSubscriptions" })
            {
                migrationBuilder.Sql($"UPDATE {table} SET ChatId = " + string.Format(System.Globalization.CultureInfo.InvariantCulture, Channel, "ChatId") + " WHERE ChatId IS NOT NULL;");
            }

            migrationBuilder.DropIndex(
                name: "IX_Outbox_State_NextAttemptAtUtc",
                table: "Outbox");

            migrationBuilder.DropIndex(
                name: "IX_Members_TelegramUserId",
                table: "Members");

            migrationBuilder.DropColumn(
                name: "TelegramUserId",
                table: "Members");

            migrationBuilder.DropColumn(
                name: "UsedByTelegramUserId",
                table: "Invites");

            migrationBuilder.AlterColumn<string>(
                name: "ChatId",
                table: "SentMessages",
                type: "TEXT",
                maxLength: 128,
                nullable: false,
                oldClrType: typeof(long),
                oldType: "INTEGER");

            migrationBuilder.AlterColumn<string>(
                name: "ChatId",
                table: "Prompts",
                type: "TEXT",
                maxLength: 128,
                nullable: false,
                oldClrType: typeof(long),
                oldType: "INTEGER");

            migrationBuilder.AlterColumn<string>(
                name: "ChatId",
                table: "Outbox",
                type: "TEXT",
                maxLength: 128,
                nullable: false,
                oldClrType: typeof(long),
                oldType: "INTEGER");

            migrationBuilder.AlterColumn<string>(
                name: "ChatId",
                table: "Members",
                type: "TEXT",
                maxLength: 128,
                nullable: true,
                oldClrType: typeof(long),
                oldType: "INTEGER",
                oldNullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DeliveryId",
                table: "Inbox",
                type: "TEXT",
                maxLength: 128,
                nullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "ChatId",
                table: "ChatSubscriptions",
                type: "TEXT",
                maxLength: 128,
                nullable: false,
                oldClrType: typeof(long),
                oldType: "INTEGER");

            migrationBuilder.CreateIndex(
                name: "IX_Outbox_Channel_State_NextAttemptAtUtc",
                table: "Outbox",
                columns: new[] { "Channel", "State", "NextAttemptAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Members_ChatId",
                table: "Members",
                column: "ChatId");

            migrationBuilder.CreateIndex(
                name: "IX_Inbox_DeliveryId",
                table: "Inbox",
                column: "DeliveryId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MemberContacts_MemberId",
                table: "MemberContacts",
                column: "MemberId");

            migrationBuilder.CreateIndex(
                name: "IX_MemberContacts_UserId",
                table: "MemberContacts",
                column: "UserId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "MemberContacts");

            migrationBuilder.DropIndex(
                name: "IX_Outbox_Channel_State_NextAttemptAtUtc",
                table: "Outbox");

            migrationBuilder.DropIndex(
                name: "IX_Members_ChatId",
                table: "Members");

            migrationBuilder.DropIndex(
                name: "IX_Inbox_DeliveryId",
                table: "Inbox");

            migrationBuilder.DropColumn(
                name: "Channel",
                table: "Outbox");

            migrationBuilder.DropColumn(
                name: "UsedBy",
                table: "Invites");

            migrationBuilder.DropColumn(
                name: "DeliveryId",
                table: "Inbox");

            migrationBuilder.AlterColumn<long>(
                name: "ChatId",
                table: "SentMessages",
                type: "INTEGER",
                nullable: false,
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldMaxLength: 128);

            migrationBuilder.AlterColumn<long>(
                name: "ChatId",
                table: "Prompts",
                type: "INTEGER",
                nullable: false,
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldMaxLength: 128);

            migrationBuilder.AlterColumn<long>(
                name: "ChatId",
                table: "Outbox",
                type: "INTEGER",
                nullable: false,
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldMaxLength: 128);

            migrationBuilder.AlterColumn<long>(
                name: "ChatId",
                table: "Members",
                type: "INTEGER",
                nullable: true,
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldMaxLength: 128,
                oldNullable: true);

            migrationBuilder.AddColumn<long>(
                name: "TelegramUserId",
                table: "Members",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "UsedByTelegramUserId",
                table: "Invites",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AlterColumn<long>(
                name: "ChatId",
                table: "ChatSubscriptions",
                type: "INTEGER",
                nullable: false,
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldMaxLength: 128);

            migrationBuilder.CreateIndex(
                name: "IX_Outbox_State_NextAttemptAtUtc",
                table: "Outbox",
                columns: new[] { "State", "NextAttemptAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Members_TelegramUserId",
                table: "Members",
                column: "TelegramUserId",
                unique: true);
        }
    }
}
