using System.Buffers;
using Xunit;

namespace Pinterest.Conversions.Sending.Tests.Delivery;

/// <summary>
/// <see cref="PinterestEventReport.Pack"/> and <see cref="PinterestEventReport.Unpack"/>: the outbox stores a report
/// beside its event and reads it back at send time, so every part, dropped fields included, must survive.
/// </summary>
public class ReportPackingTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public static TheoryData<string> Reports => new(Written.Keys);

    // Real reports, from the generated writers.
    private static readonly Dictionary<string, Func<PinterestEventReport>> Written = new()
    {
        ["clean purchase"] = () => Write(Make.Purchase("o-1", At)),
        ["invalid email, valid IP and UA"] = () => Write(Make.Purchase("o-2", At, email: "not an email")),
        ["email too long"] = () => Write(Make.Purchase("o-3", At, email: new string('a', 600) + "@example.com")),
        ["invalid pre-hashed external id"] = () => Write(Make.Purchase("o-4", At) with { CustomerHash = "not-a-sha256" }),
        ["invalid email and external id"] = () => Write(Make.Purchase("o-5", At, email: "nope") with { CustomerHash = "xyz" }),
        ["offline"] = () => Write(Make.Purchase("o-6", At, ActionSource.Offline)),
        ["offline by declaration"] = () => Write(new StoreSale { Id = "s-1", At = At, Email = Make.Email }),
        ["visit at now"] = () => Write(new Visit { Id = "v-1", Ip = Make.Ip, UserAgent = Make.UserAgent }),
        ["not written: no identity"] = () => Write(new Visit { Id = "v-2", At = At }),
        ["not written: no event id"] = () => Write(Make.Purchase("", At)),
        ["not written: invalid email, nothing else"] = () => Write(new StoreSale { Id = "s-2", At = At, Email = "nope" }),
        ["default"] = () => default,
    };

    private static PinterestEventReport Write<T>(T evt) where T : IPinterestEvent =>
        PinterestSerializedEvent.Write(evt, new ArrayBufferWriter<byte>(), PinterestWriteContext.Default);

    [Theory]
    [MemberData(nameof(Reports))]
    public void RoundTrip(string name)
    {
        var report = Written[name]();
        var packed = new byte[PinterestEventReport.PackedSize];
        report.Pack(packed);
        var back = PinterestEventReport.Unpack(packed);

        Assert.Equal(report, back);
        Assert.Equal(report.IsWritten, back.IsWritten);
        Assert.Equal(report.UnsendableReason, back.UnsendableReason);
        Assert.Equal(report.Signals, back.Signals);
        Assert.Equal(report.ActionSource, back.ActionSource);
        Assert.Equal(report.EventTime, back.EventTime);
        Assert.Equal(report.HasDroppedFields, back.HasDroppedFields);
        Assert.Equal(report.DroppedFields, back.DroppedFields);
        Assert.Equal(report.ToString(), back.ToString());
        // The form is stable: packing what was read gives the same bytes.
        var again = new byte[PinterestEventReport.PackedSize];
        back.Pack(again);
        Assert.Equal(packed, again);
    }

    [Fact]
    public void RoundTrip_KeepsEachDroppedFieldsReason()
    {
        // The rows above must really carry what they are named for, or the round trip proves little.
        var invalid = PinterestEventReport.Unpack(Pack(Written["invalid email, valid IP and UA"]()));
        Assert.True(invalid.IsWritten);
        Assert.Equal(PinterestHashStatus.Invalid, invalid.GetDropReason(PinterestField.Email));
        Assert.Null(invalid.GetDropReason(PinterestField.ClientIpAddress));
        Assert.Equal([new PinterestDroppedField(PinterestField.Email, PinterestHashStatus.Invalid)], invalid.DroppedFields);
        Assert.Equal(At.ToUnixTimeSeconds(), invalid.EventTime);

        var tooLong = PinterestEventReport.Unpack(Pack(Written["email too long"]()));
        Assert.Equal(PinterestHashStatus.TooLong, tooLong.GetDropReason(PinterestField.Email));

        var two = PinterestEventReport.Unpack(Pack(Written["invalid email and external id"]()));
        Assert.Equal(PinterestHashStatus.Invalid, two.GetDropReason(PinterestField.Email));
        Assert.Equal(PinterestHashStatus.Invalid, two.GetDropReason(PinterestField.ExternalId));

        var offline = PinterestEventReport.Unpack(Pack(Written["offline by declaration"]()));
        Assert.Equal(ActionSource.Offline, offline.ActionSource);
        Assert.False(offline.HasDroppedFields);

        var unsendable = PinterestEventReport.Unpack(Pack(Written["not written: no identity"]()));
        Assert.False(unsendable.IsWritten);
        Assert.Equal(PinterestUnsendableReason.MissingUserIdentity, unsendable.UnsendableReason);
    }

    [Fact]
    public void Pack_WritesOnlyItsBytes_AndUnpackReadsOnlyThem()
    {
        // A larger buffer is fine (a row's column may be padded); nothing past PackedSize is touched or read.
        var report = Written["invalid email, valid IP and UA"]();
        var buffer = Enumerable.Repeat((byte)0xAB, PinterestEventReport.PackedSize + 8).ToArray();
        report.Pack(buffer);
        Assert.All(buffer[PinterestEventReport.PackedSize..], b => Assert.Equal(0xAB, b));
        Assert.Equal(report, PinterestEventReport.Unpack(buffer));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(PinterestEventReport.PackedSize - 1)]
    public void Pack_RefusesAShortDestination(int length)
    {
        var report = Written["clean purchase"]();
        var e = Assert.Throws<ArgumentException>(() => report.Pack(new byte[length]));
        Assert.Equal("destination", e.ParamName);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(PinterestEventReport.PackedSize - 1)]
    public void Unpack_RefusesAShortSource(int length)
    {
        // Cut from a real packed report, so only the length is wrong.
        var packed = Pack(Written["invalid email, valid IP and UA"]());
        var e = Assert.Throws<ArgumentException>(() => PinterestEventReport.Unpack(packed.AsSpan(0, length)));
        Assert.Equal("source", e.ParamName);
    }

    [Theory]
    [InlineData(0)]     // zeroed bytes: never written
    [InlineData(2)]     // a later version this build cannot read
    [InlineData(255)]
    public void Unpack_RefusesAnotherVersion(byte version)
    {
        var packed = Pack(Written["invalid email, valid IP and UA"]());
        packed[0] = version;
        var e = Assert.Throws<ArgumentException>(() => PinterestEventReport.Unpack(packed));
        Assert.Equal("source", e.ParamName);
    }

    private static byte[] Pack(PinterestEventReport report)
    {
        var packed = new byte[PinterestEventReport.PackedSize];
        report.Pack(packed);
        return packed;
    }
}
