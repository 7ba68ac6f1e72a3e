using System.Text;

namespace Pinterest.Conversions.Generators.Emitting;

/// <summary>A small indented writer (the Roslyn cookbook's advice: text, not syntax trees, and no NormalizeWhitespace).</summary>
internal sealed class SourceWriter
{
    private readonly StringBuilder _text = new(8192);
    private int _indent;

    public SourceWriter Line(string line = "")
    {
        if (line.Length > 0) _text.Append(' ', _indent * 4).Append(line);
        _text.Append('\n');
        return this;
    }

    public SourceWriter Open(string line)
    {
        Line(line);
        Line("{");
        _indent++;
        return this;
    }

    public SourceWriter Close(string suffix = "")
    {
        _indent--;
        return Line("}" + suffix);
    }

    public override string ToString() => _text.ToString();
}
