namespace Pinterest.Conversions.Sandbox.Faults;

/// <summary>What makes a fault plan valid; one message per problem, naming the rule.</summary>
internal static class FaultPlanRules
{
    public const int MaxRules = 100;
    public const int MaxDelayMilliseconds = 600_000;
    public const int MaxRetryAfterSeconds = 86_400;

    /// <summary>The statuses a fault may answer with: the spec's 429 and 503, and the 5xx a proxy in front may give.</summary>
    public static IReadOnlyList<int> Statuses { get; } = [429, 500, 502, 503, 504];

    public static IReadOnlyList<string> Validate(SandboxFaultPlan? plan)
    {
        var errors = new List<string>();
        if (plan is null) return errors;
        if (plan.Rules is null) { errors.Add("rules must be a list"); return errors; }
        if (plan.Rules.Count > MaxRules) errors.Add($"at most {MaxRules} rules");
        for (var i = 0; i < plan.Rules.Count; i++)
        {
            var rule = plan.Rules[i];
            var at = $"rules[{i}]";
            if (rule is null) { errors.Add($"{at} is null"); continue; }
            if (!Enum.IsDefined(rule.Kind)) errors.Add($"{at}.kind is not a fault kind");
            if (rule.Kind == SandboxFaultKind.Status)
            {
                if (rule.Status is not { } status || !Statuses.Contains(status))
                    errors.Add($"{at}.status must be one of {string.Join(", ", Statuses)}");
            }
            else if (rule.Status is not null || rule.RetryAfterSeconds is not null)
            {
                errors.Add($"{at}: status and retry_after_seconds belong to a status fault");
            }
            if (rule.RetryAfterSeconds is < 0 or > MaxRetryAfterSeconds)
                errors.Add($"{at}.retry_after_seconds must be 0 to {MaxRetryAfterSeconds}");
            if (rule.Kind == SandboxFaultKind.Delay && rule.DelayMilliseconds is null)
                errors.Add($"{at}.delay_milliseconds is required for a delay");
            if (rule.DelayMilliseconds is < 0 or > MaxDelayMilliseconds)
                errors.Add($"{at}.delay_milliseconds must be 0 to {MaxDelayMilliseconds}");
            if (rule.Count is < 1) errors.Add($"{at}.count must be at least 1 (null for no limit)");
            if (rule.Rate is { } rate && !(rate > 0 && rate <= 1)) errors.Add($"{at}.rate must be above 0 and at most 1");
            if (rule.Skip < 0) errors.Add($"{at}.skip must not be negative");
        }
        return errors;
    }
}
