namespace Pinterest.Conversions.Sandbox.Faults;

/// <summary>
/// Holds the active fault plan and decides, request by request, which fault applies. Deterministic: rate draws come from
/// a <see cref="Random"/> seeded by the plan, in the order requests arrive. Thread-safe.
/// </summary>
internal sealed class FaultInjector
{
    private readonly object _gate = new();
    private RuleState[] _rules = [];
    private Random _random = new(0);
    private int _seed;

    public FaultInjector(SandboxFaultPlan? plan) => Apply(plan);

    /// <summary>Replaces the active plan (null clears it); counts start afresh.</summary>
    public void Apply(SandboxFaultPlan? plan)
    {
        var errors = FaultPlanRules.Validate(plan);
        if (errors.Count > 0) throw new ArgumentException("Invalid fault plan: " + string.Join("; ", errors));
        lock (_gate)
        {
            _seed = plan?.Seed ?? 0;
            _random = new Random(_seed);
            _rules = plan?.Rules.Select(r => new RuleState(r)).ToArray() ?? [];
        }
    }

    /// <summary>The active plan with each rule's remaining count and skip.</summary>
    public SandboxFaultPlan Current()
    {
        lock (_gate)
        {
            return new SandboxFaultPlan
            {
                Seed = _seed,
                Rules = _rules.Where(r => r.Remaining != 0).Select(r => r.ToRule()).ToList(),
            };
        }
    }

    /// <summary>Decides the fault for the next request.</summary>
    public FaultDecision Next()
    {
        lock (_gate)
        {
            var delay = 0;
            foreach (var rule in _rules)
            {
                if (!rule.Applies(_random)) continue;
                delay += rule.Rule.DelayMilliseconds ?? 0;
                if (rule.Rule.Kind != SandboxFaultKind.Delay)
                    return new FaultDecision(rule.Rule.Kind, rule.Rule.Status ?? 0, rule.Rule.RetryAfterSeconds, delay);
            }
            return delay == 0 ? FaultDecision.None : new FaultDecision(SandboxFaultKind.Delay, 0, null, delay);
        }
    }

    private sealed class RuleState(SandboxFaultRule rule)
    {
        public SandboxFaultRule Rule { get; } = rule;

        /// <summary>Requests left; -1 for no limit.</summary>
        public int Remaining { get; private set; } = rule.Count ?? -1;

        private int _skip = rule.Skip;

        public bool Applies(Random random)
        {
            if (Remaining == 0) return false;
            if (_skip > 0) { _skip--; return false; }
            if (Rule.Rate is { } rate && random.NextDouble() >= rate) return false;
            if (Remaining > 0) Remaining--;
            return true;
        }

        public SandboxFaultRule ToRule() => new()
        {
            Kind = Rule.Kind,
            Status = Rule.Status,
            RetryAfterSeconds = Rule.RetryAfterSeconds,
            DelayMilliseconds = Rule.DelayMilliseconds,
            Count = Remaining < 0 ? null : Remaining,
            Rate = Rule.Rate,
            Skip = _skip,
        };
    }
}
