#!/usr/bin/env bash
# Runs one GUI test on its own private Xvfb display, so GUI tests see a real X server (window
# manager-less, like a fresh session) and can run in parallel. Xvfb picks a free display itself
# (-displayfd), which avoids the lock-file race of `xvfb-run -a` between parallel tests.
# Usage: run-under-xvfb.sh TEST-EXECUTABLE [ARGS...]
set -euo pipefail

display_file=$(mktemp)
Xvfb -displayfd 3 -screen 0 1600x1200x24 -nolisten tcp 3>"$display_file" 2>"$display_file.log" &
xvfb_pid=$!
cleanup() {
  kill "$xvfb_pid" 2>/dev/null || true
  wait "$xvfb_pid" 2>/dev/null || true
  rm -f "$display_file" "$display_file.log"
}
trap cleanup EXIT

for _ in $(seq 1 200); do
  [ -s "$display_file" ] && break
  if ! kill -0 "$xvfb_pid" 2>/dev/null; then
    echo "run-under-xvfb: Xvfb did not start:" >&2
    cat "$display_file.log" >&2
    exit 1
  fi
  sleep 0.05
done
if [ ! -s "$display_file" ]; then
  echo "run-under-xvfb: Xvfb gave no display number within 10 s" >&2
  exit 1
fi

export DISPLAY=":$(tr -d '[:space:]' <"$display_file")"
export QT_QPA_PLATFORM=xcb
"$@"
