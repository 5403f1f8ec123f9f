namespace NoCodeCrm.Runtime.Hosting;

/// <summary>Finds a sample metadata pack (<c>samples/&lt;name&gt;/model.json</c>).</summary>
public static class SamplePack
{
    public static string Find(string? samplesDirectory, string name)
    {
        // Pack names are folder names: lower-case letters, digits, '_' and '-' (service-desk); nothing that could climb out of the folder.
        if (name.Length is 0 or > 63 || !char.IsAsciiLetterLower(name[0]) || !name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '_' or '-'))
            throw new InvalidOperationException($"Crm:Sample '{name}' is not a valid pack name.");
        var candidates = new List<string>();
        if (!string.IsNullOrWhiteSpace(samplesDirectory)) candidates.Add(Path.Combine(samplesDirectory, name, "model.json"));
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                candidates.Add(Path.Combine(dir.FullName, "samples", name, "model.json"));
        return candidates.FirstOrDefault(File.Exists)
            ?? throw new FileNotFoundException($"The sample pack '{name}' was not found; set Crm:SamplesDirectory or Crm:Sample= (empty) to start without one.");
    }
}
