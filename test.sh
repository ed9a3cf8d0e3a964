#!/usr/bin/env bash
# The test command: installs what the tests need that a fresh machine lacks, then runs every test.
#   - a CJK font (charts must draw Chinese names, not boxes),
#   - Chromium (the dashboard's browser tests drive it headless),
#   - xmllint (the OData $metadata is validated against the OASIS CSDL schemas),
#   - openpyxl and exceljs (the XLSX exports are opened with readers no one here wrote).
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
/usr/bin/python3 -c "import openpyxl" 2>/dev/null || needed+=(python3-openpyxl)
if [ ${#needed[@]} -gt 0 ]; then
  echo "Installing what the tests need: ${needed[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${needed[@]}" >/dev/null
fi

# The OASIS CSDL schemas (npm package odata-csdl) that the OData $metadata is validated against.
csdl="${XDG_CACHE_HOME:-$HOME/.cache}/analytics/odata-csdl"
if [ ! -f "$csdl/package/schemas/edmx.xsd" ]; then
  command -v npm >/dev/null || { echo "npm is needed once, to fetch the OData CSDL schemas (odata-csdl)." >&2; exit 1; }
  mkdir -p "$csdl"
  (cd "$csdl" && npm pack odata-csdl@0.11.2 --silent >/dev/null && tar xzf odata-csdl-0.11.2.tgz)
fi

# npm exceljs, a strict XLSX reader, for the export tests.
exceljs="${XDG_CACHE_HOME:-$HOME/.cache}/analytics/exceljs"
if [ ! -f "$exceljs/node_modules/exceljs/package.json" ]; then
  command -v npm >/dev/null || { echo "npm is needed once, to fetch exceljs." >&2; exit 1; }
  mkdir -p "$exceljs"
  (cd "$exceljs" && echo '{"private":true}' > package.json && npm install --silent --no-audit --no-fund exceljs@4.4.0 >/dev/null)
fi

dotnet test Analytics.sln "$@"
