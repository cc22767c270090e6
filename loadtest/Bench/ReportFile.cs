namespace TangerangLive.LoadTest.Bench;

/// <summary>Writes a section into a Markdown file, replacing that section if it is already there.</summary>
internal static class ReportFile
{
    public static void WriteSection(string path, string heading, string section)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }

        var lines = File.Exists(path) ? File.ReadAllLines(path).ToList() : ["# Benchmarks", string.Empty];
        var start = lines.FindIndex(l => l.TrimEnd() == heading);
        if (start < 0)
        {
            if (lines.Count > 0 && lines[^1].Length > 0)
            {
                lines.Add(string.Empty);
            }

            start = lines.Count;
        }
        else
        {
            var end = lines.FindIndex(start + 1, l => l.StartsWith("## ", StringComparison.Ordinal));
            var next = end < 0 ? lines.Count : end;
            lines.RemoveRange(start, next - start);
        }

        var body = section.TrimEnd().Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        if (start < lines.Count)
        {
            body.Add(string.Empty);
        }

        lines.InsertRange(start, body);
        File.WriteAllText(path, string.Join('\n', lines).TrimEnd() + "\n");
    }
}
