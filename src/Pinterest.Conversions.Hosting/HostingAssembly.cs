namespace Pinterest.Conversions.Hosting;

/// <summary>Marks the Hosting assembly; the options, queue and sender arrive with the sending issue.</summary>
public static class HostingAssembly
{
    /// <summary>The name of the Meter this package will publish its metrics under.</summary>
    public const string MeterName = "Pinterest.Conversions";
}
