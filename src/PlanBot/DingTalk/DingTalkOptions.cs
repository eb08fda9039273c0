using System.ComponentModel.DataAnnotations;

namespace PlanBot.DingTalk;

/// <summary>
/// The "DingTalk" configuration section: one internal (企业内部) app with a robot. An empty <see cref="ClientId"/> or
/// <see cref="ClientSecret"/> leaves DingTalk off.
/// </summary>
public sealed class DingTalkOptions : IValidatableObject
{
    public const string Section = "DingTalk";

    /// <summary>The app's Client ID (formerly AppKey).</summary>
    public string ClientId { get; set; } = "";

    /// <summary>The app's Client Secret (formerly AppSecret); keep it in the environment (DingTalk__ClientSecret) or user secrets.</summary>
    public string ClientSecret { get; set; } = "";

    /// <summary>The robot's code (机器人编码); for an internal app's robot usually equal to the Client ID.</summary>
    public string RobotCode { get; set; } = "";

    /// <summary>The v1.0 OpenAPI host (tokens, robot messages, cards, Stream registration).</summary>
    public string ApiBaseUrl { get; set; } = "https://api.dingtalk.com";

    /// <summary>The old API host, used only for media upload, which has no v1.0 equivalent for robot messages.</summary>
    public string OapiBaseUrl { get; set; } = "https://oapi.dingtalk.com";

    public bool Enabled => !string.IsNullOrWhiteSpace(ClientId) && !string.IsNullOrWhiteSpace(ClientSecret);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Enabled)
        {
            yield break;
        }

        if (string.IsNullOrWhiteSpace(RobotCode))
        {
            yield return new ValidationResult("DingTalk:RobotCode is required when DingTalk:ClientId and DingTalk:ClientSecret are set.", [nameof(RobotCode)]);
        }

        if (!IsHttpUrl(ApiBaseUrl))
        {
            yield return new ValidationResult($"DingTalk:ApiBaseUrl '{ApiBaseUrl}' is not an absolute http(s) URL.", [nameof(ApiBaseUrl)]);
        }

        if (!IsHttpUrl(OapiBaseUrl))
        {
            yield return new ValidationResult($"DingTalk:OapiBaseUrl '{OapiBaseUrl}' is not an absolute http(s) URL.", [nameof(OapiBaseUrl)]);
        }
    }

    internal Uri ApiBase => WithSlash(ApiBaseUrl);

    internal Uri OapiBase => WithSlash(OapiBaseUrl);

    private static Uri WithSlash(string url) => new(url.TrimEnd('/') + "/", UriKind.Absolute);

    private static bool IsHttpUrl(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
