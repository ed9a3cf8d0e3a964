#!/usr/bin/env bash
# Loads IBM's "Telco Customer Churn" sample (shared/datasets/telco_churn_ibm) into DB_FILE with the analytics
# found on PATH: churn becomes the export's label, every customer an account, every other column an attribute.
set -euo pipefail
if [ $# -ne 2 ]; then
    echo "usage: load.sh DATA_DIR DB_FILE" >&2
    exit 2
fi
data_dir=$1
db=$2
here=$(cd "$(dirname "$0")" && pwd)

analytics settings churn.definition label --db "$db"
analytics load "$data_dir/WA_Fn-UseC_-Telco-Customer-Churn.csv" --mapping "$here/accounts.json" --db "$db"
analytics refresh --db "$db"
