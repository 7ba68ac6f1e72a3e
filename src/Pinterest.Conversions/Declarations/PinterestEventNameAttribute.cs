namespace Pinterest.Conversions;

/// <summary>
/// Marks the one <see cref="string"/> member that holds the event name of a type declared with
/// <c>[PinterestEvent]</c> and no name, for platforms whose tenants configure their own event names. The value must be
/// a standard wire name (<c>checkout</c>) or a valid advertiser-defined name (see <see cref="PinterestEventNames"/>);
/// otherwise the event is unsendable (<see cref="PinterestUnsendableReason.InvalidEventName"/>).
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter, Inherited = true, AllowMultiple = false)]
public sealed class PinterestEventNameAttribute : Attribute
{
}
