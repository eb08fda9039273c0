using System.Globalization;
using System.Resources;
using PlanBot.Plans;

namespace PlanBot.Reports;

/// <summary>
/// The texts of reminders, digests and reports (Reports/Texts.resx: Chinese, the default; Texts.en.resx: English),
/// and the small formatting rules they share.
/// </summary>
public static class ReportTexts
{
    private static readonly ResourceManager Resources = new("PlanBot.Reports.Texts", typeof(ReportTexts).Assembly);
    private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-CN");
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

    public static CultureInfo Culture(string language) => language == Languages.English ? English : Chinese;

    public static string Get(string name, string language) =>
        Resources.GetString(name, Culture(language)) ?? throw new InvalidOperationException($"Text '{name}' is missing from Reports/Texts.resx.");

    /// <summary>A text with its placeholders filled; arguments are formatted in the language's culture and are NOT escaped.</summary>
    public static string Format(string name, string language, params object?[] args) =>
        string.Format(Culture(language), Get(name, language), args);

    /// <summary>A short date for a phone screen: 10月8日 / Oct 8; with the year when it is not <paramref name="year"/>.</summary>
    public static string ShortDate(DateOnly date, string language, int? year = null) =>
        date.ToString(Get(year is { } y && y != date.Year ? "DateWithYear" : "DateShort", language), Culture(language));

    public static string ListName(WorkList list, string language) =>
        language == Languages.English ? list.EnglishName() : list.ChineseName();

    public static string LightEmoji(Light light) => light switch
    {
        Light.Done => "✅",
        Light.Overdue => "🔴",
        Light.AtRisk => "🟡",
        _ => "🟢",
    };

    public static string LightName(Light light, string language) => Get("Light" + light, language);
}
