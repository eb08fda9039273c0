using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PlanBot.Storage.Migrations
{
    /// <summary>
    /// Kept apart from ReliabilityRoundTwo: SQLite rebuilds the Inbox table for a nullable UpdateId with
    /// <c>PRAGMA foreign_keys</c> outside the migration's transaction, and a migration that mixes that with other
    /// operations could be left half applied by a kill during start-up.
    /// </summary>
    public partial class InboxUnreadableUpdates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<long>(
                name: "UpdateId",
                table: "Inbox",
                type: "INTEGER",
                nullable: true,
                oldClrType: typeof(long),
                oldType: "INTEGER");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<long>(
                name: "UpdateId",
                table: "Inbox",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L,
                oldClrType: typeof(long),
                oldType: "INTEGER",
                oldNullable: true);
        }
    }
}
