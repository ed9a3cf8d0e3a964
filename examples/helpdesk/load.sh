#!/usr/bin/env bash
# Loads the helpdesk event log (shared/datasets/helpdesk_eventlog/finale.csv) into a warehouse as its customers
# (accounts) and its cases (tickets), with the analytics command found on PATH, then builds the marts.
# usage: load.sh DATA_DIR DB_FILE
set -euo pipefail
data_dir=${1:?usage: load.sh DATA_DIR DB_FILE}
db=${2:?usage: load.sh DATA_DIR DB_FILE}
here=$(cd "$(dirname "$0")" && pwd)

# One file, two entities, each through its own mapping; customers first, since tickets name them.
analytics load "$data_dir/finale.csv" --mapping "$here/accounts.mapping.json" --db "$db"
analytics load "$data_dir/finale.csv" --mapping "$here/tickets.mapping.json" --db "$db"
# The helpdesk is an Italian company's: its SLA clock runs on Rome's time, for tickets without a contract.
analytics settings sla.default_time_zone Europe/Rome --db "$db"
analytics refresh --db "$db"
