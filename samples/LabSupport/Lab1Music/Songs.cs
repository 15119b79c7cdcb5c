namespace Lab1Music;

/// <summary>mitdeeplearning.lab1's song handling: the text between blank lines, found as its
/// <c>re.findall('(^|\n\n)(.*?)\n\n', text, overlapped=True, flags=re.DOTALL)</c> finds it — the text up to the first
/// blank line counts too (generated text starts with a song's "X").</summary>
public static class Songs
{
    public static List<string> ExtractSongSnippet(string text)
    {
        var songs = new List<string>();
        int first = text.IndexOf("\n\n", StringComparison.Ordinal);
        if (first >= 0) songs.Add(text[..first]);   // the '^' alternative
        int from = 0;
        while (true)
        {
            int open = text.IndexOf("\n\n", from, StringComparison.Ordinal);
            if (open < 0) break;
            int close = text.IndexOf("\n\n", open + 2, StringComparison.Ordinal);
            if (close < 0) break;
            songs.Add(text[(open + 2)..close]);
            from = open + 1;   // overlapped: the next match may start right after this one's start
        }
        Console.WriteLine($"Found {songs.Count} songs in text");
        return songs;
    }

    /// <summary>Whether a generated snippet is a complete tune: the X:, T: and K: header lines and a body after them.</summary>
    public static bool IsComplete(string song)
    {
        var lines = song.Split('\n');
        int key = Array.FindIndex(lines, l => l.StartsWith("K:", StringComparison.Ordinal));
        return lines.Any(l => l.StartsWith("X:", StringComparison.Ordinal)) && lines.Any(l => l.StartsWith("T:", StringComparison.Ordinal))
            && key >= 0 && lines.Skip(key + 1).Any(l => l.Trim().Length > 0);
    }
}
