using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PlanBot.Storage.Migrations
{
    /// <inheritdoc />
    public partial class LightsAgainstScheduleAndNotices : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "RedUntilMadeUpSince",
                table: "Tasks",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "WatchedLight",
                table: "Tasks",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "WatchedReason",
                table: "Tasks",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "WatchedSince",
                table: "Tasks",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "NoticeId",
                table: "Prompts",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "LightSnapshots",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TaskId = table.Column<int>(type: "INTEGER", nullable: false),
                    Month = table.Column<string>(type: "TEXT", maxLength: 7, nullable: false),
                    Light = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    LateSince = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    WorkingDaysLate = table.Column<int>(type: "INTEGER", nullable: false),
                    BehindPoints = table.Column<int>(type: "INTEGER", nullable: false),
                    RedUntilMadeUp = table.Column<bool>(type: "INTEGER", nullable: false),
                    ProgressPercent = table.Column<int>(type: "INTEGER", nullable: false),
                    ScheduledPercent = table.Column<int>(type: "INTEGER", nullable: false),
                    TakenAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LightSnapshots", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LightSnapshots_Tasks_TaskId",
                        column: x => x.TaskId,
                        principalTable: "Tasks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Notices",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    TaskId = table.Column<int>(type: "INTEGER", nullable: false),
                    MemberId = table.Column<int>(type: "INTEGER", nullable: false),
                    IssuedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    IssuedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ReplyBy = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Situation = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    ProgressPercent = table.Column<int>(type: "INTEGER", nullable: false),
                    ScheduledPercent = table.Column<int>(type: "INTEGER", nullable: false),
                    SignedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    SignedByMemberId = table.Column<int>(type: "INTEGER", nullable: true),
                    RepliedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    RepliedByMemberId = table.Column<int>(type: "INTEGER", nullable: true),
                    Reply = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    EscalatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ClosedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ClosedNote = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Notices", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Notices_Members_MemberId",
                        column: x => x.MemberId,
                        principalTable: "Members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Notices_Tasks_TaskId",
                        column: x => x.TaskId,
                        principalTable: "Tasks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Prompts_NoticeId",
                table: "Prompts",
                column: "NoticeId");

            migrationBuilder.CreateIndex(
                name: "IX_LightSnapshots_Month_TaskId",
                table: "LightSnapshots",
                columns: new[] { "Month", "TaskId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_LightSnapshots_TaskId",
                table: "LightSnapshots",
                column: "TaskId");

            migrationBuilder.CreateIndex(
                name: "IX_Notices_MemberId",
                table: "Notices",
                column: "MemberId");

            migrationBuilder.CreateIndex(
                name: "IX_Notices_TaskId_Kind_IssuedOn",
                table: "Notices",
                columns: new[] { "TaskId", "Kind", "IssuedOn" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Notices_Year_Kind_Number",
                table: "Notices",
                columns: new[] { "Year", "Kind", "Number" },
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_Prompts_Notices_NoticeId",
                table: "Prompts",
                column: "NoticeId",
                principalTable: "Notices",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Prompts_Notices_NoticeId",
                table: "Prompts");

            migrationBuilder.DropTable(
                name: "LightSnapshots");

            migrationBuilder.DropTable(
                name: "Notices");

            migrationBuilder.DropIndex(
                name: "IX_Prompts_NoticeId",
                table: "Prompts");

            migrationBuilder.DropColumn(
                name: "RedUntilMadeUpSince",
                table: "Tasks");

            migrationBuilder.DropColumn(
                name: "WatchedLight",
                table: "Tasks");

            migrationBuilder.DropColumn(
                name: "WatchedReason",
                table: "Tasks");

            migrationBuilder.DropColumn(
                name: "WatchedSince",
                table: "Tasks");

            migrationBuilder.DropColumn(
                name: "NoticeId",
                table: "Prompts");
        }
    }
}
