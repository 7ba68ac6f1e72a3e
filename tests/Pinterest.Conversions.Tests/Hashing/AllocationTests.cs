using Xunit;
using Pinterest.Conversions.Tests.Normalization;
namespace Pinterest.Conversions.Tests.Hashing;

/// <summary>ASCII input through the span API and the batch allocates nothing once warm.</summary>
public class AllocationTests
{
    private const int Cases = 2000;

    /// <summary>
    /// Made once, outside the measured loops: on .NET 8 the DateTime/DateOnly constructor itself allocates 64 bytes a call
    /// in unoptimized (tier-0) code when hardware intrinsics are off (<c>DOTNET_EnableHWIntrinsic=0</c>), which is the
    /// caller's allocation, not the hashing's.
    /// </summary>
    private static readonly DateOnly DateOfBirth = new(1991, 5, 26);

    private static string[] AsciiInputs(int seed)
    {
        var random = new RandomInput(seed);
        return Enumerable.Range(0, Cases).Select(_ => random.AsciiText()).ToArray();
    }

    [Fact]
    public void Span_path_allocates_nothing_on_ASCII_input()
    {
        var inputs = AsciiInputs(seed: 5000);
        var fields = HashVectors.HashedFields;
        var tries = fields.Select(HashVectors.TryOf).ToArray();

        void RunAll()
        {
            Span<char> destination = stackalloc char[64];
            foreach (var input in inputs)
            {
                foreach (var tryHash in tries) tryHash(input, destination, out _);
                PinterestHash.TryPhone(input, destination, out _, "44");
                PinterestHash.TryDateOfBirth(DateOfBirth, destination, out _);
            }
        }

        RunAll(); // warm-up: type initializers (country and state tables), JIT
        var before = GC.GetAllocatedBytesForCurrentThread();
        RunAll();
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Batch_allocates_nothing_in_steady_state_on_ASCII_input()
    {
        var inputs = AsciiInputs(seed: 6000);
        var fields = HashVectors.HashedFields;

        void RunAll()
        {
            for (var i = 0; i < inputs.Length; i += 4)
            {
                var batch = PinterestHashBatch.Rent();
                batch.DefaultPhoneCountryCode = "1";
                for (var j = i; j < Math.Min(i + 4, inputs.Length); j++)
                    foreach (var field in fields) batch.Add(field, inputs[j]);
                batch.Add(PinterestField.DateOfBirth, DateOfBirth);
                batch.HashAll();
                for (var k = 0; k < batch.Count; k++) _ = batch.GetHashUtf8(k);
                PinterestHashBatch.Return(batch);
            }
        }

        RunAll(); // warm-up: the cached batch grows to its working size once
        var before = GC.GetAllocatedBytesForCurrentThread();
        RunAll();
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Normalizer_allocates_nothing_on_ASCII_input()
    {
        var inputs = AsciiInputs(seed: 7000);

        void RunAll()
        {
            Span<char> destination = stackalloc char[Normalizer.MaxNormalizedLength];
            foreach (var input in inputs)
                foreach (var field in HashVectors.HashedFields)
                    Normalizer.TryNormalize(Norm.RuleOf(field), input, destination, out _);
        }

        RunAll();
        var before = GC.GetAllocatedBytesForCurrentThread();
        RunAll();
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
