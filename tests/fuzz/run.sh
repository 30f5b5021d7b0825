#!/bin/sh
# Builds the libFuzzer targets (CMake preset "fuzz": clang, ASan + UBSan) and runs each one.
#   tests/fuzz/run.sh [--seconds N] [target...]
# N seconds per target (default 60); targets default to all of them. The working corpus grows in
# build/fuzz/corpus/<target> across runs; crashes land in build/fuzz/artifacts/. Exits non-zero
# when clang/libFuzzer is missing, the build fails, or any target finds a crash.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build="${PETREL_FUZZ_BUILD_DIR:-$root/build/fuzz}"
seconds=60
targets=""
all="fuzz_imap_response fuzz_imap_utf7 fuzz_pop3_reply fuzz_smtp_reply fuzz_mime_message fuzz_html_display"

while [ $# -gt 0 ]; do
    case "$1" in
        --seconds) seconds="$2"; shift 2 ;;
        --seconds=*) seconds="${1#--seconds=}"; shift ;;
        -h|--help) sed -n '2,7p' "$0"; exit 0 ;;
        -*) echo "run.sh: unknown option $1" >&2; exit 2 ;;
        *) targets="$targets $1"; shift ;;
    esac
done
[ -n "$targets" ] || targets="$all"

# A missing compiler is a failure, never a skip: the fuzz targets are part of the test suite.
if ! command -v clang++ >/dev/null 2>&1; then
    echo "FAIL: clang++ is not installed; the fuzz targets need clang with libFuzzer." >&2
    echo "      Debian: apt-get install clang libclang-rt-14-dev (installers/install-deps-debian.sh)" >&2
    exit 1
fi
probe=$(mktemp -d)
trap 'rm -rf "$probe"' EXIT
printf 'extern "C" int LLVMFuzzerTestOneInput(const unsigned char *, unsigned long) { return 0; }\n' >"$probe/p.cpp"
if ! clang++ -fsanitize=fuzzer,address,undefined "$probe/p.cpp" -o "$probe/p" >"$probe/log" 2>&1; then
    echo "FAIL: clang++ cannot link a libFuzzer program (is libclang-rt-14-dev installed?):" >&2
    cat "$probe/log" >&2
    exit 1
fi

if [ ! -f "$build/build.ninja" ]; then
    (cd "$root" && cmake --preset fuzz -B "$build") || { echo "FAIL: configuring the fuzz preset failed" >&2; exit 1; }
fi
# shellcheck disable=SC2086
cmake --build "$build" -j2 --target $targets || { echo "FAIL: building the fuzz targets failed" >&2; exit 1; }

# Seeds: the committed ones, the shared message corpus, and server replies recorded in the replay
# and hostile-server scripts (their "S:" lines), each prefixed with a 0 byte (= fed whole).
seeds="$build/seeds"
rm -rf "$seeds"
mkdir -p "$seeds"
recorded() { # target, then script files
    target="$1"; shift
    mkdir -p "$seeds/$target"
    for f in "$@"; do
        [ -f "$f" ] || continue
        out="$seeds/$target/$(basename "$(dirname "$f")")-$(basename "$f")"
        { printf '\000'; sed -n -e 's/\r$//' -e 's/^S: \{0,1\}\(.*\)$/\1\r/p' "$f"; } >"$out"
    done
}
recorded fuzz_imap_response "$root"/tests/unit/imap/data/sessions/*.txt "$root"/tests/hostile/imap/*.script \
    "$root"/tests/unit/imapsync/faults/parts/*.txt
recorded fuzz_pop3_reply "$root"/tests/hostile/pop3/*.script
recorded fuzz_smtp_reply "$root"/tests/hostile/smtp/*.script
mkdir -p "$seeds/fuzz_mime_message"
corpus="${PETREL_SHARED_CORPUS:-$root/../shared/corpus}"
if [ -d "$corpus" ]; then
    find "$corpus" -type f -size -256k \( -name '*.txt' -o -name '*.eml' \) ! -name 'LICENSE' \
        -exec cp {} "$seeds/fuzz_mime_message/" \;
fi

failed=""
for t in $targets; do
    work="$build/corpus/$t"
    mkdir -p "$work" "$build/artifacts" "$seeds/$t"
    dirs="$work $seeds/$t"
    [ -d "$here/seeds/$t" ] && dirs="$dirs $here/seeds/$t"
    echo "== $t: $seconds s"
    # Leak checking stays off: Qt and GLib keep process-lifetime allocations LSan reports.
    # shellcheck disable=SC2086
    if ASAN_OPTIONS="detect_leaks=0:abort_on_error=1" UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1" \
        "$build/tests/fuzz/$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
        -print_final_stats=1 -artifact_prefix="$build/artifacts/$t-" $dirs >"$build/$t.log" 2>&1; then
        grep -E '^(stat::number_of_executed_units|Done [0-9]+ runs)' "$build/$t.log" || true
    else
        echo "FAIL: $t found a problem; log: $build/$t.log" >&2
        grep -E 'ERROR|SUMMARY|runtime error|Test unit written' "$build/$t.log" | head -20 >&2
        failed="$failed $t"
    fi
done
if [ -n "$failed" ]; then
    echo "FAIL:$failed" >&2
    exit 1
fi
echo "all fuzz targets ran $seconds s each without a finding"
