#!/usr/bin/env bash
# The test command: installs what the tests need that a fresh machine lacks, then runs every test.
#   - a CJK font (charts must draw Chinese names, not boxes),
#   - Chromium (the dashboard's browser tests drive it headless),
#   - xmllint (the OData $metadata is validated against the OASIS CSDL schemas).
set -euo pipefail
cd "$(dirname "$0")"
if ! command -v dotnet >/dev/null; then
  echo "The .NET SDK 10 is needed (see global.json)." >&2
  exit 1
fi

needed=()
fc-list 2>/dev/null | grep -q "Noto Sans CJK" || needed+=(fonts-noto-cjk fontconfig)
command -v chromium >/dev/null || needed+=(chromium)
command -v xmllint >/dev/null || needed+=(libxml2-utils)
if [ ${#needed[@]} -gt 0 ]; then
  echo "Installing what the tests need: ${needed[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${needed[@]}" >/dev/null
fi

dotnet test Analytics.sln "$@"
