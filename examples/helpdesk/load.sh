#!/usr/bin/env bash
# Loads the helpdesk event log (shared/datasets/helpdesk_eventlog/finale.csv) into a warehouse as its customers
# (accounts) and its cases (tickets), with the analytics command found on PATH, then builds the marts.
# usage: load.sh DATA_DIR DB_FILE
set -euo pipefail
data_dir=${1:?usage: load.sh DATA_DIR DB_FILE}
db=${2:?usage: load.sh DATA_DIR DB_FILE}
here=$(cd "$(dirname "$0")" && pwd)

# Italy's national holidays of the log's years first: the tickets' mapping names the calendar IT, and a ticket on a
# calendar with no holidays loaded is rejected.
analytics load "$here/holidays_it.csv" --db "$db"
# One file, two entities, each through its own mapping; customers first, since tickets name them. The tickets'
# mapping gives them Rome's time zone and the IT calendar, so no global setting changes.
analytics load "$data_dir/finale.csv" --mapping "$here/accounts.mapping.json" --db "$db"
analytics load "$data_dir/finale.csv" --mapping "$here/tickets.mapping.json" --db "$db"
analytics refresh --db "$db"
