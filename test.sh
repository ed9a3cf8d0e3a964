#!/usr/bin/env bash
# The test command: installs what the tests need that a fresh machine lacks, then runs every test.
set -euo pipefail
cd "$(dirname "$0")"
if ! command -v dotnet >/dev/null; then
  echo "The .NET SDK 10 is needed (see global.json)." >&2
  exit 1
fi
dotnet test Analytics.sln "$@"
