#!/usr/bin/env bash
# Installs what `dotnet publish -p:PublishAot=true` needs on Debian/Ubuntu besides the .NET SDK: clang (the linker
# driver NativeAOT calls), lld and zlib1g-dev (the runtime links libz). The ILCompiler package itself comes from NuGet
# at restore time (the SDK picks the version that matches it). Idempotent: does nothing when all are there.
#
#   scripts/install-aot-deps.sh
set -euo pipefail

packages=(clang lld zlib1g-dev)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [[ ${#missing[@]} -eq 0 ]]; then
  echo "NativeAOT prerequisites already installed: $(clang --version | head -1)"
  exit 0
fi

if [[ $(id -u) -eq 0 ]]; then
  SUDO=()
elif command -v sudo >/dev/null 2>&1; then
  SUDO=(sudo)
else
  echo "error: installing packages needs root, and sudo is not available." >&2
  echo "Run as root:  apt-get update && apt-get install -y ${missing[*]}" >&2
  exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "error: apt-get not found; this script is for Debian/Ubuntu. Install clang, lld and zlib's headers" >&2
  echo "with your system's package manager (see https://aka.ms/nativeaot-prerequisites)." >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
# Only refresh the package lists when apt does not know the packages yet (a fresh container).
if ! apt-cache show "${packages[@]}" >/dev/null 2>&1; then
  "${SUDO[@]}" apt-get update -qq
fi
"${SUDO[@]}" apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null
echo "installed ${missing[*]}: $(clang --version | head -1)"
