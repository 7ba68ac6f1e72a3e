namespace Pinterest.Conversions;

/// <summary>A resilience level with the reasons for it.</summary>
#if PINTEREST_GENERATOR
internal
#else
public
#endif
readonly struct ResilienceAssessment : IEquatable<ResilienceAssessment>
{
    /// <summary>Creates an assessment; the level follows from the gaps.</summary>
    public ResilienceAssessment(ResilienceGaps gaps, PinterestSignals missingSignals)
    {
        Gaps = gaps;
        MissingSignals = missingSignals;
    }

    /// <summary>Poor when a Good requirement fails, Good when only medium or low signals are missing, Great otherwise.</summary>
    public ResilienceLevel Level =>
        (Gaps & ~ResilienceGaps.MediumOrLowSignalsMissing) != 0 ? ResilienceLevel.Poor
        : Gaps != ResilienceGaps.None ? ResilienceLevel.Good
        : ResilienceLevel.Great;

    /// <summary>Every requirement that is not met.</summary>
    public ResilienceGaps Gaps { get; }

    /// <summary>The medium and low weight signals that are missing (the list Great needs).</summary>
    public PinterestSignals MissingSignals { get; }

    /// <inheritdoc/>
    public bool Equals(ResilienceAssessment other) => Gaps == other.Gaps && MissingSignals == other.MissingSignals;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is ResilienceAssessment other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => ((int)Gaps * 397) ^ (int)MissingSignals;

    /// <inheritdoc/>
    public override string ToString() => $"{Level} (gaps: {Gaps}; missing: {MissingSignals})";
}
