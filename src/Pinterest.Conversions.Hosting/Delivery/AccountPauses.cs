namespace Pinterest.Conversions.Hosting.Delivery;

/// <summary>
/// Accounts that may not send for now: paused (a 401 or 403, or a resolver that gave no account), with a backoff that
/// doubles up to the maximum pause and then one probe request; held back by a 429 until its Retry-After; and all
/// sending paused by a 404 or 3xx. Not thread-safe: called under the engine's lock.
/// </summary>
internal sealed class AccountPauses(TimeSpan firstPause, TimeSpan maxPause)
{
    private readonly Dictionary<string, Pause> _paused = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _held = new(StringComparer.Ordinal);
    private int _allLevel;

    /// <summary>When all sending resumes (a misconfigured base address); in the past when it is not paused.</summary>
    public DateTimeOffset AllPausedUntil { get; private set; }

    /// <summary>Why all sending is paused; null when it is not.</summary>
    public string? AllPausedReason { get; private set; }

    /// <summary>Pauses <paramref name="account"/> (again: for twice as long, up to the maximum).</summary>
    public DateTimeOffset PauseAccount(string account, string reason, DateTimeOffset now)
    {
        if (!_paused.TryGetValue(account, out var pause)) _paused.Add(account, pause = new Pause());
        pause.Until = now + Backoff(pause.Level++);
        pause.Reason = reason;
        return pause.Until;
    }

    /// <summary>An attempt of <paramref name="account"/> was answered: its pause ends.</summary>
    public bool Resume(string account) => _paused.Remove(account);

    /// <summary>Holds <paramref name="account"/> back until <paramref name="until"/> (a 429).</summary>
    public void Hold(string account, DateTimeOffset until)
    {
        if (!_held.TryGetValue(account, out var current) || current < until) _held[account] = until;
    }

    /// <summary>Pauses all sending (again: for twice as long, up to the maximum).</summary>
    public DateTimeOffset PauseAll(string reason, DateTimeOffset now)
    {
        AllPausedUntil = now + Backoff(_allLevel++);
        AllPausedReason = reason;
        return AllPausedUntil;
    }

    /// <summary>An attempt was answered by Pinterest: the base address works.</summary>
    public void ResumeAll()
    {
        _allLevel = 0;
        AllPausedReason = null;
        AllPausedUntil = DateTimeOffset.MinValue;
    }

    /// <summary>
    /// True when <paramref name="account"/> may send now. A pause that is over lets one probe request through (the caller
    /// then sends one batch at a time until an answer resumes or pauses it again).
    /// </summary>
    public bool MaySend(string account, DateTimeOffset now, out bool probeOnly)
    {
        probeOnly = false;
        if (_held.TryGetValue(account, out var heldUntil))
        {
            if (heldUntil > now) return false;
            _held.Remove(account);
        }
        if (!_paused.TryGetValue(account, out var pause)) return true;
        if (pause.Until > now) return false;
        probeOnly = true;
        return true;
    }

    /// <summary>Accounts that cannot send now (for the store to skip), and the earliest time one of them can.</summary>
    public IReadOnlyCollection<string> Blocked(DateTimeOffset now, out DateTimeOffset? nextChange)
    {
        nextChange = null;
        var blocked = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (account, until) in _held.Concat(_paused.Select(p => KeyValuePair.Create(p.Key, p.Value.Until))))
        {
            if (until <= now) continue;
            blocked.Add(account);
            if (nextChange is null || until < nextChange) nextChange = until;
        }
        return blocked;
    }

    /// <summary>The paused accounts with their reason and when their pause (or next probe) ends.</summary>
    public IReadOnlyList<(string Account, string Reason, DateTimeOffset Until)> Paused =>
        _paused.Select(p => (p.Key, p.Value.Reason, p.Value.Until)).ToList();

    /// <summary>True when <paramref name="account"/> is paused (waiting or probing).</summary>
    public bool IsPaused(string account) => _paused.ContainsKey(account);

    private TimeSpan Backoff(int level)
    {
        var ticks = firstPause.Ticks * Math.Pow(2, Math.Min(level, 40));
        return ticks >= maxPause.Ticks ? maxPause : TimeSpan.FromTicks((long)ticks);
    }

    private sealed class Pause
    {
        public int Level { get; set; }
        public DateTimeOffset Until { get; set; }
        public string Reason { get; set; } = "";
    }
}
