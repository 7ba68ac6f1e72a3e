// netstandard2.0 lacks the types that records, init accessors and 'required' need; the compiler only looks for their names.
namespace System.Runtime.CompilerServices
{
    internal static class IsExternalInit { }
}
