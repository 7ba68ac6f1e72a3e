namespace Pinterest.Conversions;

/// <summary>A field whose value was dropped rather than sent, and why. Never holds the value itself.</summary>
public readonly record struct PinterestDroppedField(PinterestField Field, PinterestHashStatus Status);
