#!/usr/bin/env bash
# CI: every ```csharp block of README.md must compile against the libraries, so that no snippet rots. Each block
# becomes one file-scoped method of a generated project in out/readme-snippets (its `using` directives hoisted to
# the file's top); the project is built with warnings as errors, and the first block (the API at a glance, which
# needs no data) is run.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=out/readme-snippets
rm -rf "$dir" && mkdir -p "$dir"
# awk, not Python: a clean machine has only the .NET SDK (and Debian's base tools).
count=$(awk -v dir="$dir" '
  /^```csharp$/ { inside = 1; n++; nu = 0; nb = 0; next }
  /^```$/ && inside {
    f = dir "/Snippet" n ".cs"
    for (i = 1; i <= nu; i++) print u[i] > f
    print "\ninternal static class Snippet" n "\n{\n    public static void Run()\n    {" > f
    for (i = 1; i <= nb; i++) print "        " b[i] > f
    print "    }\n}" > f
    close(f); inside = 0; next
  }
  inside && /^using [A-Za-z.]+;/ { u[++nu] = $0; next }
  inside { b[++nb] = $0 }
  END { print n + 0 }' README.md)
if [[ "$count" -lt 1 ]]; then echo "FAIL: README.md has no csharp blocks"; exit 1; fi
echo "README.md: $count C# snippets"
cat > "$dir/ReadmeSnippets.csproj" <<'XML'
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <NoWarn>$(NoWarn);CS8321;CS0219;IDE0059</NoWarn>
  </PropertyGroup>
  <ItemGroup>
    <ProjectReference Include="../../src/Strata/Strata.csproj" />
    <ProjectReference Include="../../src/Strata.Keras/Strata.Keras.csproj" />
    <ProjectReference Include="../../src/Strata.Datasets/Strata.Datasets.csproj" />
    <ProjectReference Include="../../src/Strata.Plot/Strata.Plot.csproj" />
    <ProjectReference Include="../../src/Strata.Distributed/Strata.Distributed.csproj" />
    <ProjectReference Include="../../src/Strata.Onnx/Strata.Onnx.csproj" />
  </ItemGroup>
</Project>
XML
cat > "$dir/Main.cs" <<'CS'
internal static class Program
{
    private static void Main() => Snippet1.Run();
}
CS
dotnet build "$dir" -c Release -warnaserror -v q -nologo
dotnet "$dir/bin/Release/net10.0/ReadmeSnippets.dll"
echo "PASS: README's C# snippets compile; the first runs"
