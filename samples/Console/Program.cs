using Pinterest.Conversions;

Console.WriteLine("Pinterest.Conversions sample");
