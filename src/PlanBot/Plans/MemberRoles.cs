namespace PlanBot.Plans;

/// <summary>What a member may do. A member can hold several roles.</summary>
[Flags]
public enum MemberRoles
{
    None = 0,

    /// <summary>责任人: updates the tasks they own.</summary>
    Owner = 1,

    /// <summary>分管领导 / 督查人员: reads everything, decides extensions, gets digests and reports.</summary>
    Supervisor = 2,

    /// <summary>管理员: manages lists, roster and invites.</summary>
    Admin = 4,
}

public static class MemberRolesText
{
    /// <summary>Parses "owner;supervisor" (also with , or | and the Chinese names 责任人/督查/管理员).</summary>
    public static bool TryParse(string? text, out MemberRoles roles)
    {
        roles = MemberRoles.None;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        foreach (var part in text.Split([';', ',', '|', '；', '，', ' '], StringSplitOptions.RemoveEmptyEntries))
        {
            switch (part.Trim().ToLowerInvariant())
            {
                case "owner" or "责任人":
                    roles |= MemberRoles.Owner;
                    break;
                case "supervisor" or "督查" or "督查人员" or "分管领导":
                    roles |= MemberRoles.Supervisor;
                    break;
                case "admin" or "管理员":
                    roles |= MemberRoles.Admin;
                    break;
                default:
                    roles = MemberRoles.None;
                    return false;
            }
        }

        return roles != MemberRoles.None;
    }

    /// <summary>"owner;supervisor": the form the CSV roster and the CLI use.</summary>
    public static string ToText(this MemberRoles roles) =>
        string.Join(';', new[] { MemberRoles.Owner, MemberRoles.Supervisor, MemberRoles.Admin }
            .Where(r => roles.HasFlag(r))
            .Select(r => r.ToString().ToLowerInvariant()));
}
