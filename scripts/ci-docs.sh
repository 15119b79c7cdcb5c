#!/usr/bin/env bash
# CI: the docs site (docs/, DocFX) and its snippets, so that no snippet rots.
#  1. builds docs/snippets (every C# snippet of the guides, one file per guide) with warnings as errors;
#  2. runs each snippet marked [Prints] in its own process and diffs its output with docs/snippets/expected/<name>.txt
#     (the files the guides show as output), runs each [Runs] snippet (machine-dependent output: must only succeed),
#     runs samples/Lab1, whose output the lab guide shows, against docs/snippets/samples/Lab1.txt, and, where the
#     Fashion-MNIST data is installed, samples/FashionMnist against samples/FashionMnist.txt (but its timings);
#  3. checks that every code span of the Strata column of the coming-from-python table is in ComingFromPython.cs
#     (which compiles), that the projects, samples and scripts named in docs/snippets/commands.sh exist, and that no
#     markdown page of docs/ holds a fenced code block of its own (code comes from docs/snippets by include);
#  4. restores the pinned DocFX (.config/dotnet-tools.json) and builds the site (API pages from the XML comments of
#     src/Strata*, and the guides) into out/docs-site with warnings as errors: a broken link, cross reference (xref)
#     or included file fails, and so does an include of a #region that does not exist.
# `scripts/ci-docs.sh --update` rewrites the expected outputs from the current runs instead of comparing (then review
# the diff). Serve the built site with `dotnet docfx serve out/docs-site`.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
update=0
[[ "${1:-}" == "--update" ]] && update=1
start=$SECONDS
snippets=docs/snippets
expected=$snippets/expected
outdir=out/docs-snippets
rm -rf "$outdir" && mkdir -p "$outdir" "$expected"
fail=0
stage() { echo "== [$((SECONDS - start)) s] $*"; }

stage "building $snippets"
dotnet build "$snippets" -c Release -warnaserror -v q -nologo
dll=$snippets/bin/Release/net10.0/Snippets.dll

compare() {  # name, file with the actual output
  local name=$1 actual=$2
  if [[ $update -eq 1 ]]; then
    cp "$actual" "$expected/$name.txt"
  elif [[ ! -f "$expected/$name.txt" ]]; then
    echo "FAIL: $name prints, but $expected/$name.txt does not exist (scripts/ci-docs.sh --update writes it)"
    fail=1
  elif ! diff -u "$expected/$name.txt" "$actual" > "$outdir/$name.diff"; then
    echo "FAIL: $name printed something else than $expected/$name.txt:"
    cat "$outdir/$name.diff"
    fail=1
  fi
}

stage "running the snippets that print"
mapfile -t printing < <(dotnet "$dll")
mapfile -t running < <(dotnet "$dll" --runs)
for name in "${printing[@]}"; do
  if ! dotnet "$dll" "$name" > "$outdir/$name.txt" 2>&1; then
    echo "FAIL: snippet $name exited non-zero:"; cat "$outdir/$name.txt"; fail=1; continue
  fi
  compare "$name" "$outdir/$name.txt"
done
for name in "${running[@]}"; do
  if ! out=$(dotnet "$dll" "$name" 2>&1); then echo "FAIL: snippet $name exited non-zero:"; echo "$out"; fail=1; fi
  echo "$name (output not compared): $out"
done
for file in "$expected"/*.txt; do
  name=$(basename "$file" .txt)
  if [[ ! " ${printing[*]} " =~ " $name " ]]; then
    echo "FAIL: $file belongs to no [Prints] snippet"; fail=1
  fi
done
echo "${#printing[@]} printing snippets compared, ${#running[@]} run"

stage "samples/Lab1 (its output is shown in guides/the-lab.md)"
samples_out=$snippets/samples
dotnet build samples/Lab1 -c Release -warnaserror -v q -nologo
# The lab prints where it wrote its plot: an absolute path, shown relative to the repository.
dotnet samples/Lab1/bin/Release/net10.0/Lab1.dll | sed "s|$PWD/||" > "$outdir/Lab1.txt"
if [[ $update -eq 1 ]]; then cp "$outdir/Lab1.txt" "$samples_out/Lab1.txt"
elif ! diff -u "$samples_out/Lab1.txt" "$outdir/Lab1.txt"; then
  echo "FAIL: samples/Lab1 printed something else than $samples_out/Lab1.txt"; fail=1
fi

stage "samples/FashionMnist (the end of its output is shown in guides/fashion-mnist.md)"
# 10 epochs, about 6 s. The lines compared are all but the timings and the working set; without the data
# (scripts/install-fashion-mnist.sh) the sample says how to get it and exits with 1, and the check is skipped.
dotnet build samples/FashionMnist -c Release -warnaserror -v q -nologo
rc=0
dotnet samples/FashionMnist/bin/Release/net10.0/FashionMnistSample.dll > "$outdir/FashionMnist.full.txt" \
  2> "$outdir/FashionMnist.stderr.txt" || rc=$?
if [[ $rc -eq 1 ]] && ! grep -q '^Epoch' "$outdir/FashionMnist.full.txt"; then
  echo "skipped: no Fashion-MNIST data here ($(head -n 1 "$outdir/FashionMnist.stderr.txt"))"
elif [[ $rc -ne 0 ]]; then
  echo "FAIL: samples/FashionMnist exited with $rc:"; cat "$outdir/FashionMnist.stderr.txt"; fail=1
else
  sed -n '/^Epoch 10\/10/,$p' "$outdir/FashionMnist.full.txt" | sed "s|$PWD/||" > "$outdir/FashionMnist.txt"
  if [[ $update -eq 1 ]]; then cp "$outdir/FashionMnist.txt" "$samples_out/FashionMnist.txt"
  elif ! diff -u <(grep -vE '/step|^Peak working set' "$samples_out/FashionMnist.txt") \
                 <(grep -vE '/step|^Peak working set' "$outdir/FashionMnist.txt"); then
    echo "FAIL: samples/FashionMnist printed something else than $samples_out/FashionMnist.txt"; fail=1
  fi
  # The timed lines still show the same accuracies and losses.
  if ! diff <(grep -oE '(accuracy|loss): [0-9.]+' "$samples_out/FashionMnist.txt") \
            <(grep -oE '(accuracy|loss): [0-9.]+' "$outdir/FashionMnist.txt") > /dev/null; then
    echo "FAIL: samples/FashionMnist's last epoch shows other accuracies or losses than $samples_out/FashionMnist.txt"; fail=1
  fi
fi

stage "the coming-from-python table"
# The third column of each table row (| Python | Strata | …): its `code spans`, each of which must occur verbatim
# in ComingFromPython.cs.
spans=0
while IFS= read -r span; do
  spans=$((spans + 1))
  if ! grep -qF -- "$span" "$snippets/ComingFromPython.cs"; then
    echo "FAIL: the table's Strata column names \`$span\`, which $snippets/ComingFromPython.cs does not hold"; fail=1
  fi
done < <(awk -F' \\| ' '/^\| / && !/^\| ---/ { print $2 }' docs/guides/coming-from-python.md \
          | grep -o '`[^`]*`' | sed 's/^`//; s/`$//')
echo "$spans code spans of the table checked"
if [[ $spans -lt 20 ]]; then echo "FAIL: the coming-from-python table lost its rows ($spans code spans)"; fail=1; fi

stage "commands.sh"
bash -n "$snippets/commands.sh"
while IFS= read -r path; do
  if [[ ! -e "$path" ]]; then echo "FAIL: $snippets/commands.sh names $path, which does not exist"; fail=1; fi
done < <(grep -v '^#' "$snippets/commands.sh" | grep -oE '(^|[ =])(samples|scripts|tests|bench|src|docs)/[A-Za-z0-9_./-]+' \
          | sed 's/^[ =]//; s|/$||' | sort -u)

stage "no fenced code in the markdown"
if grep -n '^ *```' docs/*.md docs/guides/*.md docs/api/*.md 2>/dev/null; then
  echo "FAIL: a docs page holds a fenced code block; put the code in $snippets and include it ([!code-csharp[](…#region)])"
  fail=1
fi

stage "DocFX"
dotnet tool restore
rm -rf out/docs-site
dotnet docfx docs/docfx.json --warningsAsErrors || { echo "FAIL: DocFX reported errors or warnings (above)"; fail=1; }
# DocFX renders a missing #region as a warning box in the page, without a warning of its own.
if grep -rl 'the sample you are looking for does not exist' out/docs-site --include=*.html; then
  echo "FAIL: the pages above include a code region that does not exist"; fail=1
fi

echo "ci-docs: $((SECONDS - start)) s"
if [[ $fail -ne 0 ]]; then echo "FAIL: docs"; exit 1; fi
echo "PASS: docs snippets build and print what the guides show; the site builds without warnings (out/docs-site)"
