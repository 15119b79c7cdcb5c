// Merges coverlet's Cobertura reports (one per test project) and prints line and branch coverage per source
// folder: a line counts as covered if any report hit it; a branch point's covered conditions are the most any
// one report covered (Cobertura gives counts per line, not which conditions, so this is a lower bound of the
// union). Usage: dotnet run scripts/coverage-summary.cs -- <repo root> <coverage.cobertura.xml>...
using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;

string root = Path.GetFullPath(args[0]);
var lines = new Dictionary<(string File, int Line), (bool Hit, int Covered, int Total)>();
foreach (string report in args.Skip(1))
{
    var doc = XDocument.Load(report);
    var sources = doc.Descendants("source").Select(s => s.Value).ToList();
    foreach (var cls in doc.Descendants("class"))
    {
        string name = (string)cls.Attribute("filename")!;
        string file = Path.IsPathRooted(name) ? name : Path.Combine(sources.FirstOrDefault() ?? "", name);
        file = Path.GetRelativePath(root, Path.GetFullPath(file));
        foreach (var line in cls.Element("lines")?.Elements("line") ?? [])
        {
            var key = (file, int.Parse((string)line.Attribute("number")!, CultureInfo.InvariantCulture));
            bool hit = long.Parse((string)line.Attribute("hits")!, CultureInfo.InvariantCulture) > 0;
            int covered = 0, total = 0;
            if (string.Equals((string?)line.Attribute("branch"), "true", StringComparison.OrdinalIgnoreCase) && line.Attribute("condition-coverage") is { } cc)
            {
                var m = Regex.Match(cc.Value, @"\((\d+)/(\d+)\)");
                covered = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
                total = int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture);
            }
            lines[key] = lines.TryGetValue(key, out var old)
                ? (old.Hit || hit, Math.Max(old.Covered, covered), Math.Max(old.Total, total))
                : (hit, covered, total);
        }
    }
}

foreach (string folder in new[] { "src/Strata", "src/Strata.Keras" })
{
    var mine = lines.Where(kv => kv.Key.File.Replace('\\', '/').StartsWith(folder + "/", StringComparison.Ordinal)).Select(kv => kv.Value).ToList();
    int lineTotal = mine.Count, lineHit = mine.Count(v => v.Hit);
    int branchTotal = mine.Sum(v => v.Total), branchHit = mine.Sum(v => v.Covered);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"coverage {folder}: lines {Pct(lineHit, lineTotal)} ({lineHit}/{lineTotal}), branches {Pct(branchHit, branchTotal)} ({branchHit}/{branchTotal})"));
}

static string Pct(int hit, int total) => total == 0 ? "-" : (100.0 * hit / total).ToString("F1", CultureInfo.InvariantCulture) + "%";
