using Pinterest.Conversions.SchemaCodegen;

// Usage: SchemaCodegen <schema.json> <output.cs> runtime|generator
//        SchemaCodegen <schema.json> --public-api     (prints the PublicAPI.*.txt lines of the generated enums)
if (args.Length == 2 && args[1] == "--public-api")
{
    foreach (var line in SchemaCodeEmitter.PublicApiLines(SchemaDocument.Load(args[0])))
        Console.WriteLine(line);
    return 0;
}

if (args.Length != 3 || !Enum.TryParse<CodegenTarget>(args[2], ignoreCase: true, out var target))
{
    Console.Error.WriteLine("usage: Pinterest.Conversions.SchemaCodegen <schema.json> (<output.cs> runtime|generator | --public-api)");
    return 2;
}

try
{
    var code = SchemaCodeEmitter.Emit(SchemaDocument.Load(args[0]), target);
    Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(args[1]))!);
    // Write only on change so incremental builds stay incremental.
    if (!File.Exists(args[1]) || File.ReadAllText(args[1]) != code)
        File.WriteAllText(args[1], code);
    return 0;
}
catch (Exception ex) when (ex is SchemaException or System.Text.Json.JsonException or KeyNotFoundException or InvalidOperationException)
{
    // MSBuild picks up "error XXX:" lines as build errors pointing at the schema.
    Console.Error.WriteLine($"{args[0]}: error PINSCHEMA: {ex.Message}");
    return 1;
}
