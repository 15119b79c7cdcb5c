#!/usr/bin/env bash
# Runs the engine and Keras tests as Arm64 code on this x64 machine: publishes each test project (an xunit v3
# executable) self-contained for linux-arm64 and runs it under qemu-user (qemu-aarch64-static) with Debian's
# cross C and C++ libraries, so the JIT compiles the Arm64 (AdvSimd / NEON) paths of the kernels and the tests
# run them. The Arm64Tests test asserts that the process is Arm64 with Vector128 accelerated and GEMM on its
# Vector128 path; the script prints the line it writes and fails if it did not run.
#
#   scripts/test-arm64.sh [--configuration Release] [--no-install] [--no-publish]
#
# Installs (once, as root or through sudo) qemu-user-static, libc6-arm64-cross and libstdc++6-arm64-cross, and
# extracts Debian's arm64 libssl3 into a private folder (xunit hashes test IDs with SHA-256, which .NET takes
# from OpenSSL; no cross package ships it, and the system's apt configuration is left alone). Publishes to
# out/arm64/ with its own artifacts folder, so the x64 bin/ and obj/ folders are untouched. Idempotent: a second
# run installs nothing and rebuilds only what changed. Prints one line per project and a summary; exits non-zero
# if any test failed, a run did not finish, or the Arm64 check did not pass.
#
# Under qemu, .NET needs DOTNET_EnableWriteXorExecute=0: with W^X the JIT writes code through a second mapping
# of the same memory, which qemu's translation cache does not see, and it runs stale code (reflection stubs fail
# with NullReferenceException or SIGILL). .NET does not support qemu officially; real Arm64 hardware needs none
# of this. DOTNET_TieredPGO=0 (the default here; set it to 1 to override) skips the instrumented tier, whose
# extra JIT work costs more than it saves under emulation (measured on a shared 2-core machine: engine tests
# 119 s instead of 159 s, Keras tests 19 s instead of 21 s; DOTNET_TieredCompilation=0 was slower, 131 s).
# ARM64_TIMEOUT (default 30m) bounds each project's run.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

configuration=Release
install=1
publish=1
while [[ $# -gt 0 ]]; do
  case "$1" in
    --configuration|-c) configuration="$2"; shift 2 ;;
    --no-install) install=0; shift ;;
    --no-publish) publish=0; shift ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done

start_all=$SECONDS
root="$PWD"
work="$root/out/arm64"
cache="${ARM64_CACHE:-${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/strata-arm64}"
sysroot=/usr/aarch64-linux-gnu
ssl_dir="$cache/libssl/usr/lib/aarch64-linux-gnu"
# tests/Strata.Onnx.Tests is left out: the export is managed code with no instruction-set-specific path, and what it
# would add here is ONNX Runtime's own arm64 natives under qemu-user (slow, and not Strata's code).
projects=(tests/Strata.Tests/Strata.Tests.csproj tests/Strata.Keras.Tests/Strata.Keras.Tests.csproj)

as_root() { if [[ $(id -u) == 0 ]]; then "$@"; else sudo "$@"; fi; }

# --- 1. qemu-user and the cross libraries -----------------------------------------------------------------------
t0=$SECONDS
if [[ $install == 1 ]]; then
  packages=(qemu-user-static libc6-arm64-cross libstdc++6-arm64-cross)
  missing=()
  for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  if [[ ${#missing[@]} -gt 0 ]]; then
    echo "installing ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" > /dev/null
  fi
  if [[ ! -e "$ssl_dir/libssl.so.3" ]]; then
    # Debian's arm64 libssl3, fetched with a private apt state (arm64 package lists, no dpkg status) and unpacked.
    echo "fetching arm64 libssl3 into $cache"
    apt_dir="$cache/apt"
    rm -rf "$apt_dir" "$cache/libssl"
    mkdir -p "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial" "$apt_dir/debs"
    : > "$apt_dir/status"
    apt_opts=(-o "Dir::State::Lists=$apt_dir/lists" -o "Dir::Cache=$apt_dir/cache" -o "Dir::State::status=$apt_dir/status"
              -o APT::Architecture=arm64 -o APT::Architectures::=arm64 -o Debug::NoLocking=1 -o APT::Sandbox::User=root)
    apt-get "${apt_opts[@]}" update -qq
    (cd "$apt_dir/debs" && apt-get "${apt_opts[@]}" download -qq libssl3:arm64)
    dpkg-deb -x "$apt_dir"/debs/libssl3_*_arm64.deb "$cache/libssl"
    rm -rf "$apt_dir"
  fi
fi
command -v qemu-aarch64-static > /dev/null || { echo "qemu-aarch64-static not found (run without --no-install)" >&2; exit 1; }
[[ -e $sysroot/lib/ld-linux-aarch64.so.1 ]] || { echo "$sysroot lacks the arm64 C library (libc6-arm64-cross)" >&2; exit 1; }
[[ -e $ssl_dir/libssl.so.3 ]] || { echo "$ssl_dir lacks libssl.so.3 (run without --no-install)" >&2; exit 1; }
install_secs=$((SECONDS - t0))

# --- 2. publish self-contained for linux-arm64 -------------------------------------------------------------------
t0=$SECONDS
if [[ $publish == 1 ]]; then
  for p in "${projects[@]}"; do
    name="$(basename "$p" .csproj)"
    rm -rf "$work/publish/$name"
    dotnet publish "$p" -c "$configuration" -r linux-arm64 --self-contained -warnaserror -nologo -v q \
      --artifacts-path "$work/artifacts" -o "$work/publish/$name"
  done
fi
publish_secs=$((SECONDS - t0))

# --- 3. run under qemu ----------------------------------------------------------------------------------------------
log_dir="$work/logs"
rm -rf "$log_dir"
mkdir -p "$log_dir"
summary=()
total_passed=0 total_failed=0 total_skipped=0 status=0
platform=""
t0=$SECONDS
for p in "${projects[@]}"; do
  name="$(basename "$p" .csproj)"
  exe="$work/publish/$name/$name"
  log="$log_dir/$name.log"
  [[ -x $exe ]] || { echo "$exe is missing (run without --no-publish)" >&2; exit 1; }
  echo "=== $name  linux-arm64 $configuration under qemu-aarch64"
  start=$SECONDS
  rc=0
  # -maxThreads 1: one test collection at a time (the machine's cores are shared; tests that ask for two kernel
  # threads still get them). -showLiveOutput: test output (the Arm64 check's line) goes to the log.
  # -longRunning: names a test that runs over 5 minutes while it runs.
  env DOTNET_EnableWriteXorExecute=0 DOTNET_TieredPGO="${DOTNET_TieredPGO:-0}" LD_LIBRARY_PATH="$ssl_dir" \
    timeout --kill-after=30s "${ARM64_TIMEOUT:-30m}" qemu-aarch64-static -L "$sysroot" "$exe" \
      -noColor -noAutoReporters -maxThreads 1 -showLiveOutput -longRunning 300 -result-xml "$log_dir/$name.xml" \
    > "$log" 2>&1 || rc=$?
  secs=$((SECONDS - start))
  line="$(grep -E "^ +$name +Total: [0-9]+" "$log" | tail -1 || true)"
  field() { grep -oE "$1: [0-9]+" <<< "$line" | grep -oE '[0-9]+' || echo 0; }
  total=$(field Total) f=$(field Failed) sk=$(field Skipped) nr=$(field 'Not Run') err=$(field Errors)
  pa=$((total - f - sk - nr))
  if [[ $rc != 0 || -z $line || $pa == 0 || $f != 0 || $err != 0 || $nr != 0 ]]; then
    status=1
    [[ $rc == 124 || $rc == 137 ]] && echo "!!! $name ran past ARM64_TIMEOUT=${ARM64_TIMEOUT:-30m}"
    # Each failing test with its message, stack and output; the log's end where the run did not finish.
    awk '/\[FAIL\]$/{on=1; n=0} on && /^    [^ ].*\[(PASS|SKIP)\]$|^  Finished:/{on=0} on && n++ < 80' "$log"
    if [[ -z $line ]]; then tail -80 "$log"; fi
  fi
  # Skipped tests with their reasons, so that what Arm64 leaves untested shows.
  awk '/\[SKIP\]$/{t=$0; sub(/^ +/, "", t); sub(/ \[SKIP\]$/, "", t); getline r; sub(/^ +/, "", r); print "    skipped " t ": " r}' "$log"
  if [[ $name == Strata.Tests ]]; then
    platform="$(grep -oE 'arm64-platform: .*' "$log" | head -1 || true)"
    if ! grep -qE 'Arm64Tests\.Arm64_runs_the_AdvSimd_Vector128_kernels \[PASS\]' "$log" || [[ -z $platform ]]; then
      echo "!!! the Arm64 check (Strata.Tests.Kernels.Arm64Tests) did not pass"
      status=1
    fi
  fi
  total_passed=$((total_passed + pa)) total_failed=$((total_failed + f)) total_skipped=$((total_skipped + sk))
  [[ $rc != 0 && $f == 0 ]] && total_failed=$((total_failed + 1))
  summary+=("$(printf '%-20s %-8s %5s passed %3s failed %3s skipped %5ss  rc=%s' "$name" "$configuration" "$pa" "$f" "$sk" "$secs" "$rc")")
  echo "${summary[-1]}"
done
run_secs=$((SECONDS - t0))

echo
echo "Arm64 under qemu ($(qemu-aarch64-static --version | head -1)):"
echo "  ${platform:-arm64-platform: (not reported)}"
printf '  %s\n' "${summary[@]}"
echo "  time: install ${install_secs}s, publish ${publish_secs}s, tests ${run_secs}s, total $((SECONDS - start_all))s (logs in ${log_dir#"$root"/})"
echo "arm64: $total_passed passed, $total_failed failed, $total_skipped skipped"
exit $status
