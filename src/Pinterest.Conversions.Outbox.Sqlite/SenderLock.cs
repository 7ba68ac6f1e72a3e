namespace Pinterest.Conversions.Outbox.Sqlite;

/// <summary>
/// One sending process per outbox file: an exclusive lock on a file beside it (on Linux and macOS .NET takes an advisory
/// <c>flock</c>; on Windows the file is opened without sharing). The operating system frees it when the process dies,
/// so a process killed mid-send never leaves the file without a sender.
/// </summary>
internal sealed class SenderLock(string path) : IDisposable
{
    private FileStream? _held;

    /// <summary>True while this process holds the lock.</summary>
    public bool IsHeld => _held is not null;

    /// <summary>Takes the lock if no other process holds it.</summary>
    public bool TryTake()
    {
        if (_held is not null) return true;
        try
        {
            _held = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
            return true;
        }
        catch (IOException)
        {
            return false; // another process sends from this file
        }
    }

    public void Dispose()
    {
        _held?.Dispose();
        _held = null;
    }
}
