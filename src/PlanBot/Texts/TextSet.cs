using System.Globalization;
using System.Resources;
using PlanBot.Plans;

namespace PlanBot.Texts;

/// <summary>
/// Every text a user sees, in one language: the one catalogue (Texts/TextSet.resx in Chinese, the default;
/// TextSet.en.resx in English), one key per text, grouped by prefix (<c>reminder.</c>, <c>digest.</c>, <c>report.</c> …),
/// and the small formatting rules the texts share (dates, month names, list and light names).
/// </summary>
/// <remarks>
/// <see cref="Format"/> is the one way to fill a text's placeholders. Texts are Telegram HTML, so every argument is
/// HTML-escaped unless it is <see cref="RawHtml"/>; a text made by <see cref="Format"/> and passed on as an argument of
/// another must therefore be wrapped in <see cref="RawHtml"/>, or it would be escaped twice.
/// </remarks>
public sealed class TextSet
{
    private static readonly ResourceManager Resources = new("PlanBot.Texts.TextSet", typeof(TextSet).Assembly);

    // The Chinese texts are the neutral resources, so they are looked up with the invariant culture (a zh-CN lookup
    // would find the same); dates and month names are written in zh-CN.
    public static TextSet Chinese { get; } = new(Languages.Chinese, CultureInfo.InvariantCulture, CultureInfo.GetCultureInfo("zh-CN"));

    public static TextSet English { get; } = new(Languages.English, CultureInfo.GetCultureInfo("en"), CultureInfo.GetCultureInfo("en"));

    private readonly CultureInfo _lookup;
    private readonly CultureInfo _dates;

    private TextSet(string language, CultureInfo lookup, CultureInfo dates)
    {
        Language = language;
        _lookup = lookup;
        _dates = dates;
    }

    public string Language { get; }

    public bool IsEnglish => Language == Languages.English;

    /// <summary>The texts in a member's language ("zh" or "en"; anything else falls back to Chinese).</summary>
    public static TextSet For(string? language) => language == Languages.English ? English : Chinese;

    /// <summary>Texts for someone not on the roster: English only if their Telegram app is English.</summary>
    public static TextSet ForStranger(string? telegramLanguageCode) =>
        telegramLanguageCode?.StartsWith("en", StringComparison.OrdinalIgnoreCase) == true ? English : Chinese;

    /// <summary>A text as it is (HTML, no placeholders filled).</summary>
    public string this[string key] =>
        Resources.GetString(key, _lookup) ?? throw new KeyNotFoundException($"Text '{key}' is missing from Texts/TextSet.resx.");

    /// <summary>Every text whose key starts with <paramref name="prefix"/>, keyed by the rest of the key (the web page's texts).</summary>
    public IReadOnlyDictionary<string, string> WithPrefix(string prefix) =>
        Resources.GetResourceSet(CultureInfo.InvariantCulture, createIfNotExists: true, tryParents: false)!
            .Cast<System.Collections.DictionaryEntry>()
            .Select(e => (string)e.Key)
            .Where(key => key.StartsWith(prefix, StringComparison.Ordinal))
            .ToDictionary(key => key[prefix.Length..], key => this[key], StringComparer.Ordinal);

    /// <summary>A text with its placeholders filled; every argument is HTML-escaped unless it is <see cref="RawHtml"/>.</summary>
    public string Format(string key, params object?[] args) =>
        string.Format(CultureInfo.InvariantCulture, this[key], args.Select(Escape).ToArray());

    /// <summary>A text with its placeholders filled, as plain text, for what is not a message: workbooks and charts.</summary>
    public string Plain(string key, params object?[] args) => Html.ToPlainText(Format(key, args));

    public string ListName(WorkList list) => IsEnglish ? list.EnglishName() : list.ChineseName();

    /// <summary>The light's name in words (已完成 / Done …), for charts and sheets.</summary>
    public string LightName(Light light) => this["lightName." + light];

    /// <summary>
    /// How late or far behind a red task is, said the one way it is said (docs/lights.md): "逾期 3 个工作日" for a passed
    /// deadline, "节点滞后 3 个工作日" for a missed milestone, "严重滞后,落后序时进度 35 个百分点" for being far behind.
    /// </summary>
    public string Lateness(LightResult light) => light switch
    {
        { Reason: LightReason.FarBehindSchedule } => Format("late.FarBehindSchedule" + (light.BehindPoints > 0 && !light.IsFarBehindNow ? ".latched" : ""), light.BehindPoints),
        { WorkingDaysLate: > 0 } => Format("late." + light.Reason, light.WorkingDaysLate),
        _ => this["late." + light.Reason + ".underOne"],
    };

    /// <summary>What a red task is late for: "截止 6月14日", or "节点 3月29日「…」应达 25%".</summary>
    public string LateFor(LightResult light, int year) => light.MissedMilestone is { } m
        ? Format("late.milestone", ShortDate(m.Date, year), m.Title, m.ExpectedPercent)
        : Format("late.deadline", ShortDate(light.LateSince ?? default, year));

    /// <summary>
    /// A light in words as a card or list line shows it: "逾期 3 个工作日(截止 6月14日)", "落后序时进度 15 个百分点",
    /// "遇到困难" ….
    /// </summary>
    public string LightText(LightResult light, int year) => light switch
    {
        { IsLate: true } => Format("late.withDate", new RawHtml(Lateness(light)), new RawHtml(LateFor(light, year))),
        { Reason: LightReason.FarBehindSchedule } => Lateness(light),
        { Reason: LightReason.BehindSchedule } => Format("light.BehindSchedule", light.BehindPoints),
        _ => this["light." + light.Reason],
    };

    /// <summary>A task's status in words (进行中 / open …), for sheets.</summary>
    public string StatusName(PlanTaskStatus status) => this["status." + status];

    /// <summary>What a history entry records, in words without its values (进度 / Progress …), for sheets.</summary>
    public string KindName(UpdateKind kind) => this["kindName." + kind];

    /// <summary>Where a history entry came from, in words (命令 / Command …), for sheets.</summary>
    public string ChannelName(UpdateChannel channel) => this["channel." + channel];

    /// <summary>A date as commands take it: 2024-10-08.</summary>
    public string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A short date for a phone screen: 10月8日 / Oct 8; with the year when it is not <paramref name="year"/>.</summary>
    public string ShortDate(DateOnly date, int? year = null) =>
        date.ToString(this[year is { } y && y != date.Year ? "date.withYear" : "date.short"], _dates);

    /// <summary>A date with its year, as a document writes it: 2024年12月2日 / Dec 2, 2024.</summary>
    public string LongDate(DateOnly date) => date.ToString(this["date.withYear"], _dates);

    /// <summary>Where a task stands against its 序时进度, in words (超序时进度 …).</summary>
    public string PaceName(Pace pace) => this["pace." + pace];

    /// <summary>A day with its weekday and a time of day: 2024年7月1日 星期一 08:58 / Monday, Jul 1, 2024, 08:58.</summary>
    public string DayAndTime(DateTimeOffset local) => local.ToString(this["date.dayAndTime"], _dates);

    /// <summary>The month <paramref name="dayInMonth"/> falls in: 2024年10月 / October 2024.</summary>
    public string MonthName(DateOnly dayInMonth) => dayInMonth.ToString(this["date.month"], _dates);

    /// <summary>
    /// The kinds of red with their counts, those with none left out: "逾期4项、节点滞后24项" (<paramref name="prefix"/>
    /// "circular.redCount" or "report.redCount", each with a text per <see cref="LightReason"/> of red).
    /// </summary>
    public string RedCounts(string prefix, params (LightReason Reason, int Count)[] counts) =>
        JoinNames(counts.Where(c => c.Count > 0).Select(c => Format(prefix + "." + c.Reason, c.Count)));

    /// <summary>Names listed in a sentence: 张三、李四 / Zhang San, Li Si.</summary>
    public string JoinNames(IEnumerable<string> names) => string.Join(this["names.separator"], names);

    public static string Number(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static object Escape(object? arg) => arg switch
    {
        null => "",
        RawHtml raw => raw.Value,
        string s => Html.Escape(s),
        decimal d => Number(d),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => Html.Escape(arg.ToString()),
    };
}
