#!/bin/bash
# run.sh [--size N] [--only 1,2,...] [--build DIR] [--smtp-count N] [--keep DIR] [--resync-passes N]
# Petrel's benchmarks (issue 7) on a private instance of the test servers: starts Dovecot and
# Postfix (tests/servers/mailservers.py) in a fresh directory, seeds dave's Inbox with N messages
# and erin's with min(N, 10000), runs petrel-bench and prints its table; the servers stop at the
# end whatever happens. --keep DIR leaves the stores in DIR (for profiling). Needs root (the
# servers are system daemons). --resync-passes N repeats item 2's no-change pass N times (default 2;
# the fastest counts), e.g. to profile it. See README.md.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
size=10000
only=""
smtp=100
build=""
keep=""
passes=2
while [ $# -gt 0 ]; do
    case "$1" in
        --size) size="$2"; shift 2 ;;
        --only) only="$2"; shift 2 ;;
        --build) build="$2"; shift 2 ;;
        --smtp-count) smtp="$2"; shift 2 ;;
        --keep) keep="$2"; shift 2 ;;
        --resync-passes) passes="$2"; shift 2 ;;
        *) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
    esac
done
if [ -z "$build" ]; then
    # Timings of an unoptimised build mean little: prefer the release preset's build.
    for b in "$root/build/release" "$root/build/dev"; do
        [ -x "$b/tests/benchmarks/petrel-bench" ] && { build="$b"; break; }
    done
fi
bench="$build/tests/benchmarks/petrel-bench"
[ -x "$bench" ] || { echo "no petrel-bench; build it: ninja -C build/release petrel-bench" >&2; exit 2; }
[ "$(id -u)" = 0 ] || { echo "run.sh needs root (it starts Dovecot and Postfix)" >&2; exit 2; }

run_dir="$(mktemp -d /tmp/petrel-bench-XXXXXX)"
servers_py="$root/tests/servers"
stop_servers() {
    python3 -c "import sys; sys.path.insert(0, sys.argv[1]); import mailservers; mailservers.stop_servers_at(sys.argv[2])" \
        "$servers_py" "$run_dir/servers.state.json" || true
    rm -rf "$run_dir"
}
trap stop_servers EXIT
python3 -c "import sys; sys.path.insert(0, sys.argv[1]); import mailservers; mailservers.start_servers(sys.argv[2], sys.argv[3])" \
    "$servers_py" "$run_dir/servers.state.json" "$run_dir/servers.json"
export PETREL_TEST_SERVERS="$run_dir/servers.json"
export QT_LOGGING_RULES="${QT_LOGGING_RULES:-petrel.*.debug=false;petrel.*.info=false}"

bodies=$(( size < 10000 ? size : 10000 ))
seed() {  # user count
    local t0=$SECONDS
    "$root/tests/servers/seed/petrel-seed" --servers "$PETREL_TEST_SERVERS" --user "$1" --count "$2" --stats >&2
    echo "[run.sh] seeded $2 messages for $1 in $(( SECONDS - t0 )) s" >&2
}
seed dave "$size"
seed erin "$bodies"

echo "# Petrel benchmarks, N = $size, $(date -u +%Y-%m-%d), $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB," \
     "load $(cut -d' ' -f1-3 /proc/loadavg), build $(basename "$build")"
stores="${keep:-$run_dir/stores}"
# Item 8 starts the real petrel: on a private Xvfb display (as the GUI tests do) when there is one,
# else on Qt's offscreen platform.
gui=()
if command -v Xvfb >/dev/null; then
    gui=("$root/tests/support/run-under-xvfb.sh")
else
    export QT_QPA_PLATFORM=offscreen
fi
"${gui[@]}" "$bench" --user dave --bodies-user erin --work "$stores" --smtp-count "$smtp" --resync-passes "$passes" ${only:+--only "$only"}
