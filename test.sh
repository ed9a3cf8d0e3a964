#!/usr/bin/env bash
# The test command: installs what the tests need that a fresh machine lacks, then runs every test.
#   - a CJK font (charts must draw Chinese names, not boxes),
#   - Chromium (the dashboard's browser tests drive it headless),
#   - xmllint (the OData $metadata is validated against the OASIS CSDL schemas),
#   - Debian's Python with pandas, matplotlib, requests and Jupyter (the notebooks and the docs' examples run), curl.
#   - with npm, the CSDL schemas and the real OData clients the tests drive (SAP's generator, @odata/client).
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
# The notebooks and the docs' examples: Debian's own Python (/usr/bin/python3, never pyenv's), and curl.
/usr/bin/python3 -c "import pandas, matplotlib, requests, ipykernel, nbconvert" 2>/dev/null \
  || needed+=(python3-pandas python3-matplotlib python3-requests python3-ipykernel jupyter-nbconvert)
command -v curl >/dev/null || needed+=(curl)
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

# Real OData clients the tests drive: SAP's typed-client generator (and the runtime its clients need) and
# @odata/client (tests/Analytics.Tests/OData/RealClientTests.cs).
clients="${XDG_CACHE_HOME:-$HOME/.cache}/analytics/odata-clients"
if [ ! -f "$clients/node_modules/@sap-cloud-sdk/generator/package.json" ] || [ ! -f "$clients/node_modules/@odata/client/package.json" ]; then
  command -v npm >/dev/null || { echo "npm is needed once, to fetch the OData clients the tests drive." >&2; exit 1; }
  mkdir -p "$clients"
  [ -f "$clients/package.json" ] || echo '{"private":true}' > "$clients/package.json"
  (cd "$clients" && npm install --no-audit --no-fund --silent @odata/client@2.21.10 @sap-cloud-sdk/generator@4.5.1 @sap-cloud-sdk/odata-v4@4.5.1 >/dev/null)
fi

# npm exceljs, a strict XLSX reader, for the export tests.
exceljs="${XDG_CACHE_HOME:-$HOME/.cache}/analytics/exceljs"
if [ ! -f "$exceljs/node_modules/exceljs/package.json" ]; then
  command -v npm >/dev/null || { echo "npm is needed once, to fetch exceljs." >&2; exit 1; }
  mkdir -p "$exceljs"
  (cd "$exceljs" && echo '{"private":true}' > package.json && npm install --silent --no-audit --no-fund exceljs@4.4.0 >/dev/null)
fi

dotnet test Analytics.sln "$@"
