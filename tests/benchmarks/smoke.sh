#!/bin/bash
# ctest benchmark_smoke: petrel-bench end to end at a tiny size on the fixture (user bea).
# Checks that every row is there with a number; it never judges a timing.
set -uo pipefail
bench="$1"
seed="$2"
"$seed" --servers "$PETREL_TEST_SERVERS" --user bea --count 50 >/dev/null || { echo "seeding failed"; exit 1; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$bench" --user bea --work "$work" --smtp-count 5 >"$work/table.txt"
status=$?
cat "$work/table.txt"
[ $status = 0 ] || { echo "petrel-bench failed ($status)"; exit 1; }
missing=0
for row in "1 initial sync" "1 initial sync vs floor of its items" "1 newest 500 listed" "8 store per 1,000 (headers only)" "8 open store" \
           "8 GUI cold start to first paint" "8 peak RSS, Inbox open" \
           "7 search, headers only: median" "7 search, headers only: slowest" "2 resync, no changes" \
           "3 resync, 10 flagged + 10 expunged" "4 offline bodies" "8 store per 1,000 (with bodies)" \
           "7 search, bodies indexed: median" "7 search, bodies indexed: slowest" "5 POP3 download" "6 SMTP outbox"; do
    # The row exists and its Petrel column (third) holds a number.
    if ! grep -F "| $row" "$work/table.txt" | awk -F'|' '{ exit !($4 ~ /[0-9]/) }'; then
        echo "row missing or without a figure: $row"
        missing=1
    fi
done
grep -q "cache matches the server" "$work/table.txt" || { echo "item 3: the cache does not match the server"; missing=1; }
exit $missing
