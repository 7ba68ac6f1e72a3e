using System.Text;

namespace Pinterest.Conversions;

/// <summary>
/// Normalizes all hashed values of an event, then hashes them in one call (what generated <c>WriteTo</c> code uses).
/// Rent one per use with <see cref="Rent"/> and give it back with <see cref="Return"/>; not thread-safe.
/// </summary>
/// <remarks>
/// Values are normalized into one UTF-8 buffer that grows only when needed, so steady-state use allocates nothing.
/// Equal values of one field are kept once. The buffers are wiped on <see cref="Clear"/>.
/// </remarks>
public sealed class PinterestHashBatch
{
    private const int InitialEntries = 16;
    private const int InitialInputBytes = 1024;

    // A batch that grew past these (a request of 1000 events with 16 values each fits) is not kept alive for the rest
    // of the thread's life.
    private const int MaxRetainedEntries = 16 * 1024;
    private const int MaxRetainedInputBytes = 1024 * 1024;

    [ThreadStatic] private static PinterestHashBatch? t_cached;

    private Entry[] _entries = new Entry[InitialEntries];
    private int _count;

    // Normalized values (UTF-8) and pre-hashed values (64 lowercase hex bytes), back to back.
    private byte[] _input = new byte[InitialInputBytes];
    private int _inputLength;

    // Values to hash: where each one's UTF-8 is, and its hash once HashAll ran (jobs before _hashedJobCount are done).
    private int[] _jobOffsets = new int[InitialEntries];
    private int[] _jobLengths = new int[InitialEntries];
    private byte[] _jobHashes = new byte[InitialEntries * Sha256Hex.Length];
    private int _jobCount;
    private int _hashedJobCount;
    private bool _hasPassThrough;

    // The values of the event being added start here: equal values are kept once per event, not per batch.
    private int _eventStart;
    private int _eventInputStart;
    private int _eventJobStart;

    private string? _defaultPhoneCountryCode;
    private int _phoneCountryDigitsStart; // 1 after a '+'

    private PinterestHashBatch()
    {
    }

    /// <summary>Takes this thread's cached batch, or a new one when it is in use; the batch is empty.</summary>
    public static PinterestHashBatch Rent()
    {
        var batch = t_cached ?? new PinterestHashBatch();
        t_cached = null;
        return batch;
    }

    /// <summary>A batch of its own for the event writer's per-thread scratch (not the one <see cref="Rent"/> hands out).</summary>
    internal static PinterestHashBatch Create() => new();

    /// <summary>Wipes the values and resets the settings, as <see cref="Return"/> does, without caching the batch.</summary>
    internal void ResetForReuse() => Reset();

    /// <summary>Clears <paramref name="batch"/>, resets its settings and caches it for the next <see cref="Rent"/> on this thread.</summary>
    public static void Return(PinterestHashBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        batch.Reset();
        t_cached = batch;
    }

    /// <summary>
    /// The country code (1 to 3 digits, optionally after <c>+</c>, such as <c>1</c> or <c>+44</c>) put in front of
    /// national phone numbers: those without <c>+</c> or <c>00</c> that start with one <c>0</c> or have at most 10 digits.
    /// </summary>
    /// <exception cref="ArgumentException">The code is not 1 to 3 digits.</exception>
    public string? DefaultPhoneCountryCode
    {
        get => _defaultPhoneCountryCode;
        set
        {
            if (!PhoneCountryCode.TryGetDigits(value, out _)) throw new ArgumentException(PhoneCountryCode.FormatMessage, nameof(value));
            _defaultPhoneCountryCode = string.IsNullOrEmpty(value) ? null : value;
            _phoneCountryDigitsStart = value is ['+', ..] ? 1 : 0;
        }
    }

    /// <summary>Sets a code <see cref="PinterestWriteContext"/> already checked, once per request rather than per value.</summary>
    internal void SetCheckedPhoneCountryCode(string? code)
    {
        _defaultPhoneCountryCode = code;
        _phoneCountryDigitsStart = code is ['+', ..] ? 1 : 0;
    }

    // Checked once, when set, not for every value (PinterestWriteContext checks it too, when it is made).
    private ReadOnlySpan<char> PhoneCountryDigits => _defaultPhoneCountryCode.AsSpan(_phoneCountryDigitsStart);

    /// <summary>How many distinct values the batch holds.</summary>
    public int Count => _count;

    /// <summary>
    /// Normalizes <paramref name="value"/> by <paramref name="field"/>'s rule (or takes it as a hash) and adds it,
    /// unless the field already holds the same value. Returns what became of the value; only Hashed and PassedThrough add.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="field"/> is not a hashed field.</exception>
    public PinterestHashStatus Add(PinterestField field, ReadOnlySpan<char> value, Hashing hashing = Hashing.Auto)
    {
        if (hashing is not (Hashing.Auto or Hashing.PreHashed))
            throw new ArgumentOutOfRangeException(nameof(hashing), hashing, "Unknown hashing mode.");
        return Add(field, RuleOf(field), value, hashing);
    }

    /// <summary>
    /// <see cref="Add(PinterestField, ReadOnlySpan{char}, Hashing)"/> with the rule the generator chose at build time:
    /// no lookup, no argument checks (the event writer's path).
    /// </summary>
    [System.Runtime.CompilerServices.SkipLocalsInit] // 1 KiB of stack per value, only read where a rule wrote it
    internal PinterestHashStatus Add(PinterestField field, NormalizationRule rule, ReadOnlySpan<char> value, Hashing hashing)
    {
        Span<char> prepared = stackalloc char[Normalizer.MaxNormalizedLength];
        var status = HashInput.PrepareChecked(rule, value, hashing, prepared, out var length, PhoneCountryDigits);
        if (status is PinterestHashStatus.Hashed or PinterestHashStatus.PassedThrough)
            AddPrepared(field, prepared[..length], isPassThrough: status == PinterestHashStatus.PassedThrough);
        return status;
    }

    /// <summary>Adds a typed date of birth as <c>yyyyMMdd</c>; <c>default(DateOnly)</c> is Empty, a year outside 1800..2100 Invalid.</summary>
    /// <exception cref="ArgumentException"><paramref name="field"/> is not a date-of-birth field.</exception>
    public PinterestHashStatus Add(PinterestField field, DateOnly date)
    {
        if (RuleOf(field) != NormalizationRule.DateOfBirth)
            throw new ArgumentException($"PinterestField.{field} does not take a date.", nameof(field));
        return AddDate(field, date);
    }

    /// <summary>A typed date of birth of a field the generator checked at build time.</summary>
    internal PinterestHashStatus AddDate(PinterestField field, DateOnly date)
    {
        Span<char> prepared = stackalloc char[DateOfBirthNormalizer.Length];
        var status = DateOfBirthNormalizer.TryNormalize(date, prepared, out var length);
        if (status == PinterestHashStatus.Hashed) AddPrepared(field, prepared[..length], isPassThrough: false);
        return status;
    }

    /// <summary>Hashes every value added since the last call, then drops values whose hash another value of the same field already has.</summary>
    public void HashAll()
    {
        HashPending();
        // Equal normalized values of a field are kept once by Add, and different ones hash differently: only a
        // pre-hashed value can repeat the hash of another value of its field.
        if (_hasPassThrough) RemoveRepeatedHashes();
    }

    /// <summary>
    /// Hashes every value added since the last call, of every event, in as few vector passes as the lanes allow. Repeated
    /// hashes are left in place: the event writer skips them per field (see <see cref="IsRepeatedHash"/>).
    /// </summary>
    internal void HashPending()
    {
        var pending = _jobCount - _hashedJobCount;
        if (pending > 0)
        {
            Sha256Batch.HashAll(
                _input.AsSpan(0, _inputLength),
                _jobOffsets.AsSpan(_hashedJobCount, pending),
                _jobLengths.AsSpan(_hashedJobCount, pending),
                _jobHashes.AsSpan(_hashedJobCount * Sha256Hex.Length, pending * Sha256Hex.Length));
            _hashedJobCount = _jobCount;
        }
    }

    /// <summary>Starts the values of another event: from now on, equal values are looked for among its own only.</summary>
    internal void BeginEvent()
    {
        _eventStart = _count;
        _eventInputStart = _inputLength;
        _eventJobStart = _jobCount;
    }

    /// <summary>Drops the values added since <see cref="BeginEvent"/> (an event that turned out unsendable), wiping them.</summary>
    internal void DiscardEvent()
    {
        _input.AsSpan(_eventInputStart, _inputLength - _eventInputStart).Clear();
        _count = _eventStart;
        _inputLength = _eventInputStart;
        _jobCount = Math.Min(_jobCount, _eventJobStart);
        _hashedJobCount = Math.Min(_hashedJobCount, _jobCount);
    }

    /// <summary>True when the value at <paramref name="index"/> was passed through (it may repeat another value's hash).</summary>
    internal bool IsPassThrough(int index) => _entries[index].IsPassThrough;

    /// <summary>True when an earlier value of the same field in <c>[start, index)</c> has the same hash.</summary>
    internal bool IsRepeatedHash(int start, int index)
    {
        var field = _entries[index].Field;
        var hash = GetHashUtf8(index);
        for (var j = start; j < index; j++)
        {
            if (_entries[j].Field == field && GetHashUtf8(j).SequenceEqual(hash)) return true;
        }
        return false;
    }

    /// <summary>The index of the first value of <paramref name="field"/> at or after <paramref name="start"/>, or -1.</summary>
    internal int IndexOf(PinterestField field, int start)
    {
        var entries = _entries.AsSpan(0, _count);
        for (var i = start; i < entries.Length; i++)
        {
            if (entries[i].Field == field) return i;
        }
        return -1;
    }

    /// <summary>The field of the value at <paramref name="index"/> (0 to <see cref="Count"/> - 1).</summary>
    public PinterestField GetField(int index) => EntryAt(index).Field;

    /// <summary>The value at <paramref name="index"/> as 64 lowercase hex UTF-8 bytes, ready for a JSON writer.</summary>
    /// <exception cref="InvalidOperationException">The value was added after the last <see cref="HashAll"/>.</exception>
    public ReadOnlySpan<byte> GetHashUtf8(int index)
    {
        var entry = EntryAt(index);
        if (entry.IsPassThrough) return _input.AsSpan(entry.InputOffset, Sha256Hex.Length);
        if (entry.JobIndex >= _hashedJobCount) throw new InvalidOperationException("Call HashAll before reading hashes.");
        return _jobHashes.AsSpan(entry.JobIndex * Sha256Hex.Length, Sha256Hex.Length);
    }

    /// <summary>Removes every value and wipes the buffers that held them; <see cref="DefaultPhoneCountryCode"/> is kept.</summary>
    public void Clear()
    {
        _input.AsSpan(0, _inputLength).Clear();
        _jobHashes.AsSpan(0, _jobCount * Sha256Hex.Length).Clear();
        _count = _inputLength = _jobCount = _hashedJobCount = 0;
        _eventStart = _eventInputStart = _eventJobStart = 0;
        _hasPassThrough = false;
    }

    private void Reset()
    {
        Clear();
        _defaultPhoneCountryCode = null;
        _phoneCountryDigitsStart = 0;
        if (_entries.Length > MaxRetainedEntries)
        {
            _entries = new Entry[InitialEntries];
            _jobOffsets = new int[InitialEntries];
            _jobLengths = new int[InitialEntries];
            _jobHashes = new byte[InitialEntries * Sha256Hex.Length];
        }
        if (_input.Length > MaxRetainedInputBytes) _input = new byte[InitialInputBytes];
    }

    private static NormalizationRule RuleOf(PinterestField field)
    {
        var info = PinterestSchema.GetField(field);
        if (info is not { IsHashed: true })
            throw new ArgumentException($"PinterestField.{field} is not a hashed field.", nameof(field));
        return info.Rule;
    }

    private void AddPrepared(PinterestField field, ReadOnlySpan<char> prepared, bool isPassThrough)
    {
        EnsureInputCapacity(prepared.Length * 3);
        // Almost every normalized value is ASCII: narrowed in one vectorized pass, the rest transcoded.
        var length = Ascii.FromUtf16(prepared, _input.AsSpan(_inputLength), out var narrowed) == System.Buffers.OperationStatus.Done
            ? narrowed
            : Encoding.UTF8.GetBytes(prepared, _input.AsSpan(_inputLength));
        var bytes = _input.AsSpan(_inputLength, length);
        if (Contains(field, bytes, isPassThrough))
        {
            bytes.Clear();
            return;
        }

        var jobIndex = -1;
        if (!isPassThrough)
        {
            EnsureJobCapacity();
            _jobOffsets[_jobCount] = _inputLength;
            _jobLengths[_jobCount] = length;
            jobIndex = _jobCount++;
        }
        _hasPassThrough |= isPassThrough;
        if (_count == _entries.Length) Array.Resize(ref _entries, _entries.Length * 2);
        _entries[_count++] = new Entry(field, _inputLength, length, jobIndex);
        _inputLength += length;
    }

    private bool Contains(PinterestField field, ReadOnlySpan<byte> bytes, bool isPassThrough)
    {
        for (var i = _eventStart; i < _count; i++)
        {
            var entry = _entries[i];
            if (entry.Field == field && entry.IsPassThrough == isPassThrough
                && _input.AsSpan(entry.InputOffset, entry.InputLength).SequenceEqual(bytes))
                return true;
        }
        return false;
    }

    // A pre-hashed value and a plain one can stand for the same person: keep the first of equal hashes per field.
    private void RemoveRepeatedHashes()
    {
        var kept = 0;
        for (var i = 0; i < _count; i++)
        {
            var entry = _entries[i];
            var hash = GetHashUtf8(i);
            var repeated = false;
            for (var j = 0; j < kept && !repeated; j++)
                repeated = _entries[j].Field == entry.Field && GetHashUtf8(j).SequenceEqual(hash);
            if (!repeated) _entries[kept++] = entry;
        }
        _count = kept;
    }

    private Entry EntryAt(int index)
    {
        if ((uint)index >= (uint)_count) throw new ArgumentOutOfRangeException(nameof(index));
        return _entries[index];
    }

    private void EnsureInputCapacity(int extra)
    {
        if (_input.Length - _inputLength >= extra) return;
        var larger = new byte[Math.Max(_input.Length * 2, _inputLength + extra)];
        _input.AsSpan(0, _inputLength).CopyTo(larger);
        _input.AsSpan(0, _inputLength).Clear(); // the old buffer held personal values: wipe it before it is dropped
        _input = larger;
    }

    private void EnsureJobCapacity()
    {
        if (_jobCount < _jobOffsets.Length) return;
        var size = _jobOffsets.Length * 2;
        Array.Resize(ref _jobOffsets, size);
        Array.Resize(ref _jobLengths, size);
        Array.Resize(ref _jobHashes, size * Sha256Hex.Length);
    }

    private readonly record struct Entry(PinterestField Field, int InputOffset, int InputLength, int JobIndex)
    {
        public bool IsPassThrough => JobIndex < 0;
    }
}
