namespace Pinterest.Conversions.Tests; public class Smoke { [Xunit.Fact] public void Builds() => Xunit.Assert.Equal("checkout", PinterestSchema.GetWireName(EventName.Checkout)); }
