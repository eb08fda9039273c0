namespace PlanBot.Reports.Circular;

/// <summary>PlanBot:Circular — the monthly 通报: who issues it and the words that are the office's own.</summary>
public sealed class CircularOptions
{
    public const string Section = "PlanBot:Circular";

    /// <summary>发文机关: signs the circular. Empty: the plan's organisation.</summary>
    public string Issuer { get; set; } = "";

    /// <summary>发文机关标志, the red header. Empty: the issuer followed by 督查通报.</summary>
    public string Header { get; set; } = "";

    /// <summary>机关代字 of the 发文字号, e.g. 临发改督 gives 临发改督〔2024〕11号.</summary>
    public string NumberPrefix { get; set; } = "督查";

    /// <summary>What the counts cover, as the overall paragraph opens: 全区“三张清单”共28项任务.</summary>
    public string Scope { get; set; } = "全区";

    /// <summary>主送机关.</summary>
    public string Recipients { get; set; } = "各科室、各有关单位";

    /// <summary>下一步工作要求: numbered points for the drafter to edit. Empty: the catalogue's three defaults.</summary>
    public List<string> NextSteps { get; set; } = [];
}
