namespace Pinterest.Conversions.Generators.Pipeline;

/// <summary>Names of the pipeline's steps, for the incremental-cache tests.</summary>
public static class TrackingNames
{
    /// <summary>Each [PinterestEvent] type built into its model (null when the generator skips it).</summary>
    public const string EventSpecs = nameof(EventSpecs);

    /// <summary>The models the generator emits, each with its unique hint name.</summary>
    public const string EmittableSpecs = nameof(EmittableSpecs);
}
