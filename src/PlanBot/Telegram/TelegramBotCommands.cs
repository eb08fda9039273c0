using PlanBot.Plans;
using Telegram.Bot.Types;

namespace PlanBot.Telegram;

/// <summary>The command menu Telegram shows (setMyCommands), in Chinese (default) and English.</summary>
public static class TelegramBotCommands
{
    public static IReadOnlyList<(string Command, string Chinese, string English)> All { get; } =
    [
        ("start", "开始使用 / 用邀请码加入", "Start, or join with an invite code"),
        ("help", "我能用的命令", "Commands I can use"),
        ("my", "我负责的任务", "My open tasks"),
        ("lists", "三张清单概览", "The three lists at a glance"),
        ("list", "查看一张清单：重点/亮点/难点", "One list: key, highlight or difficulty"),
        ("task", "任务详情：/task 编号", "Task card: /task CODE"),
        ("progress", "报进度：/progress 编号 60% 说明", "Record progress: /progress CODE 60% note"),
        ("done", "标记完成：/done 编号", "Mark done: /done CODE"),
        ("blocked", "报告困难：/blocked 编号 原因", "Report a blocker: /blocked CODE reason"),
        ("extend", "申请延期：/extend 编号 日期 原因", "Ask for more time: /extend CODE DATE reason"),
        ("overdue", "当前逾期任务", "Overdue tasks now"),
        ("digest", "立即生成督查摘要", "The digest now"),
        ("report", "月度逾期报告", "Monthly overdue report"),
        ("remind", "立即扫描并发送提醒", "Run the reminder scan now"),
        ("invite", "为名册成员生成邀请", "Invite a roster member"),
        ("subscribe", "本群接收摘要和报告", "This chat receives digests and reports"),
        ("unsubscribe", "本群不再接收摘要和报告", "This chat stops receiving digests and reports"),
        ("pause", "暂停提醒至某日：/pause 日期", "Pause my reminders until a date"),
        ("lang", "切换语言：/lang zh 或 en", "Language: /lang zh or en"),
        ("whoami", "我的身份和角色", "Who I am to the bot"),
    ];

    public static IReadOnlyList<BotCommand> For(string language) =>
        All.Select(c => new BotCommand(c.Command, language == Languages.English ? c.English : c.Chinese)).ToList();
}
