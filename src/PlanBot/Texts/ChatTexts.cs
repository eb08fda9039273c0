using System.Globalization;
using System.Resources;
using PlanBot.Plans;

namespace PlanBot.Texts;

/// <summary>HTML that is already safe to send: passed through <see cref="TextSet.Format"/> without escaping.</summary>
public readonly record struct RawHtml(string Value)
{
    public override string ToString() => Value;
}

/// <summary>
/// The chat's texts (Texts/ChatTexts.resx in Chinese, ChatTexts.en.resx in English), one key per message.
/// </summary>
public static class ChatTexts
{
    private static readonly ResourceManager Resources = new("PlanBot.Texts.ChatTexts", typeof(ChatTexts).Assembly);
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

    /// <summary>The texts in a member's language ("zh" or "en"; anything else falls back to Chinese).</summary>
    public static TextSet For(string? language) =>
        language == Languages.English ? new TextSet(Languages.English, English) : new TextSet(Languages.Chinese, CultureInfo.InvariantCulture);

    /// <summary>Texts for someone not on the roster: English only if their Telegram app is English.</summary>
    public static TextSet ForStranger(string? telegramLanguageCode) =>
        For(telegramLanguageCode?.StartsWith("en", StringComparison.OrdinalIgnoreCase) == true ? Languages.English : Languages.Chinese);

    internal static string Lookup(string key, CultureInfo culture) =>
        Resources.GetString(key, culture) ?? throw new KeyNotFoundException($"Chat text '{key}' is missing.");
}

/// <summary>The texts of one language. Every argument is HTML-escaped unless it is <see cref="RawHtml"/>.</summary>
public sealed class TextSet(string language, CultureInfo culture)
{
    public string Language => language;

    public bool IsEnglish => language == Languages.English;

    public string this[string key] => ChatTexts.Lookup(key, culture);

    public string Format(string key, params object?[] args) =>
        string.Format(CultureInfo.InvariantCulture, this[key], args.Select(Escape).ToArray());

    public string ListName(WorkList list) => IsEnglish ? list.EnglishName() : list.ChineseName();

    public string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Number(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static object Escape(object? arg) => arg switch
    {
        null => "",
        RawHtml raw => raw.Value,
        string s => Texts.Html.Escape(s),
        decimal d => Number(d),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => Texts.Html.Escape(arg.ToString()),
    };
}
