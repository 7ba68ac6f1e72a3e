using System.Text;

namespace Pinterest.Conversions.Benchmarks;

/// <summary>The parts of writing an event, measured alone: the floor under each benchmark figure.</summary>
internal sealed class Floors
{
    private readonly char[] _normalized = new char[Normalizer.MaxNormalizedLength];
    private readonly byte[] _input;
    private readonly int[] _offsets;
    private readonly int[] _lengths;
    private readonly byte[] _hex;

    /// <summary>The normalized identity values of <paramref name="events"/> events, laid out as one request hashes them.</summary>
    public Floors(int events)
    {
        var values = CheckoutEvent.IdentityValues.Select(v =>
        {
            Normalizer.TryNormalize(v.Rule, v.Value, _normalized, out var length);
            return Encoding.UTF8.GetBytes(_normalized, 0, length);
        }).ToArray();
        var all = Enumerable.Range(0, events).SelectMany(_ => values).ToArray();
        _input = all.SelectMany(v => v).ToArray();
        _lengths = all.Select(v => v.Length).ToArray();
        _offsets = new int[all.Length];
        for (var i = 1; i < all.Length; i++) _offsets[i] = _offsets[i - 1] + _lengths[i - 1];
        _hex = new byte[all.Length * 64];
        Events = events;
    }

    public int Events { get; }

    /// <summary>Normalizes the 8 identity values of each event by their rules (no hashing, no writing).</summary>
    public int Normalize()
    {
        var total = 0;
        for (var e = 0; e < Events; e++)
        {
            foreach (var (rule, value) in CheckoutEvent.IdentityValues)
            {
                Normalizer.TryNormalize(rule, value, _normalized, out var length);
                total += length;
            }
        }
        return total;
    }

    /// <summary>Hashes every normalized value in one call: vector passes as wide as the processor has (16 lanes with AVX-512).</summary>
    public byte Hash()
    {
        Sha256Batch.HashAll(_input, _offsets, _lengths, _hex);
        return _hex[0];
    }
}
