using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace Pinterest.Conversions.Benchmarks;

/// <summary>
/// (d) Each normalizer without the hash, against the string code usually written for it (the baseline of its
/// category): what the rules cost on their own, and what the usual code allocates.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class NormalizerBenchmarks
{
    private readonly char[] _destination = new char[Normalizer.MaxNormalizedLength];

    private int Ours(NormalizationRule rule, string value)
    {
        Normalizer.TryNormalize(rule, value, _destination, out var written);
        return written;
    }

    [Benchmark(Baseline = true, Description = "usual: Trim().ToLowerInvariant()"), BenchmarkCategory("email")]
    public int EmailUsual() => "  John.Doe@Example.COM ".Trim().ToLowerInvariant().Length;

    [Benchmark(Description = "Normalizer, Email rule"), BenchmarkCategory("email")]
    public int Email() => Ours(NormalizationRule.Email, "  John.Doe@Example.COM ");

    [Benchmark(Baseline = true, Description = "usual: digits by LINQ"), BenchmarkCategory("phone")]
    public int PhoneUsual() => new string("+1 (616) 954-78 88".Where(char.IsDigit).ToArray()).Length;

    [Benchmark(Description = "Normalizer, Phone rule"), BenchmarkCategory("phone")]
    public int Phone() => Ours(NormalizationRule.Phone, "+1 (616) 954-78 88");

    [Benchmark(Baseline = true, Description = "usual: Trim().ToLowerInvariant()"), BenchmarkCategory("name")]
    public int NameUsual() => " John ".Trim().ToLowerInvariant().Length;

    [Benchmark(Description = "Normalizer, Name rule"), BenchmarkCategory("name")]
    public int Name() => Ours(NormalizationRule.Name, " John ");

    [Benchmark(Baseline = true, Description = "usual: Trim().ToLowerInvariant().Replace(\" \", \"\")"), BenchmarkCategory("city")]
    public int CityUsual() => "Menlo Park".Trim().ToLowerInvariant().Replace(" ", "", StringComparison.Ordinal).Length;

    [Benchmark(Description = "Normalizer, City rule"), BenchmarkCategory("city")]
    public int City() => Ours(NormalizationRule.City, "Menlo Park");

    [Benchmark(Baseline = true, Description = "usual: Trim().ToLowerInvariant()"), BenchmarkCategory("state")]
    public int StateUsual() => "CA".Trim().ToLowerInvariant().Length;

    [Benchmark(Description = "Normalizer, State rule"), BenchmarkCategory("state")]
    public int State() => Ours(NormalizationRule.State, "CA");

    [Benchmark(Baseline = true, Description = "usual: first five digits by LINQ"), BenchmarkCategory("zip")]
    public int ZipUsual() => new string("94025-1234".Where(char.IsDigit).Take(5).ToArray()).Length;

    [Benchmark(Description = "Normalizer, Zip rule"), BenchmarkCategory("zip")]
    public int Zip() => Ours(NormalizationRule.Zip, "94025-1234");

    [Benchmark(Baseline = true, Description = "usual: Trim().ToLowerInvariant()"), BenchmarkCategory("country")]
    public int CountryUsual() => "US".Trim().ToLowerInvariant().Length;

    [Benchmark(Description = "Normalizer, Country rule"), BenchmarkCategory("country")]
    public int Country() => Ours(NormalizationRule.Country, "US");
}
