#!/usr/bin/env bash
# How long a full listing takes when every request is slow: `sync --dry-run` (sign-in, the whole records/query walk,
# the planning of every item, nothing downloaded or written) of a library whose every request the fake answers
# 100 ms late. Issue 13's target: 100,000 assets (1,000 listing requests) in at most 30 s, which no walk with one
# request at a time can reach (1,000 x 100 ms). See bench/README.md.
set -euo pipefail

usage() {
    cat <<'EOF2'
Usage: bench/listing.sh [--count N] [--latency-ms MS] [--runs N] [--baseline PATH] [--fake-arg ARG]... [--keep]
                        [--wait-idle]

  --count N         assets in the fake library (default 20000; 100000 for the target itself: the fake takes
                    minutes to build it)
  --latency-ms MS   delay the fake adds to every request (default 100)
  --runs N          measured listings (default 3); medians are reported
  --baseline PATH   another build (a launcher, or a jar run with java -jar) listed after each run of the product
  --fake-arg ARG    one more FakeICloudMain option (repeatable)
  --keep            keep the scratch directory
  --wait-idle       before each timed run, wait until the machine is 90% idle

Target (PASS or MISS, judged at --count 100000 and projected below it): at most 30 s wall for 100,000 assets.
EOF2
}

COUNT=20000
LATENCY_MS=100
RUNS=3
BASELINE=""
FAKE_ARGS=()
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

bench_options --count=COUNT --latency-ms=LATENCY_MS --runs=RUNS --baseline=BASELINE --fake-arg=FAKE_ARGS+ -- "$@"
[[ $COUNT =~ ^[1-9][0-9]*$ && $LATENCY_MS =~ ^[0-9]+$ && $RUNS =~ ^[1-9][0-9]*$ ]] || { usage >&2; exit 2; }

TARGET_MS_PER_100K=30000


bench_require java mvn curl
bench_build
bench_workdir
[[ -z $BASELINE || -e $BASELINE ]] || bench_die "no baseline $BASELINE"
bench_log "starting the fake with $COUNT assets, $LATENCY_MS ms per request"
bench_start_fake --count="$COUNT" --latency-ms="$LATENCY_MS" --control "${FAKE_ARGS[@]}"

# The sign-in (with its two-factor code) once, not timed: each measured run reuses the session.
bench_product "$PRODUCT_LAUNCHER" login -u "$FAKE_USER" --data-dir "$BENCH_WORK/state" \
    --auth-endpoint "$FAKE_AUTH" --setup-endpoint "$FAKE_SETUP"
echo "$FAKE_CODE" >"$BENCH_WORK/code"
ICLOUD_PASSWORD=$FAKE_PASSWORD SYNC_STDIN=$BENCH_WORK/code bench_run login "${PRODUCT_CMD[@]}"
((RUN_RC == 0)) || bench_die "the sign-in failed"

ROW_FORMAT="%-18s %4s %8s %8s %5s %5s %8s %8s %6s %5s"
ROWS=()
PRODUCT_MS=()
PRODUCT_CPU=()
BASE_MS=()
FAILED=0
listing() { # label product
    bench_reset_counters
    BENCH_PRODUCT=$2 bench_sync "$1" --dry-run
    bench_read_counters
    ((RUN_RC == 0)) || FAILED=1
    ROWS+=("$(printf "$ROW_FORMAT" "$1" "$RUN_RC" "$(bench_ms_to_s "$RUN_MS")" \
        "$([[ -n $RUN_CPU_MS ]] && bench_ms_to_s "$RUN_CPU_MS" || echo -)" "$RUN_IDLE" "$RUN_LOAD" \
        "${COUNTERS[RECORDS_QUERY]:-0}" "${COUNTERS[CLOUDKIT]:-0}" \
        "$([[ -n $RUN_RSS_KB ]] && echo $((RUN_RSS_KB / 1024)) || echo -)" "${RUN_PROCS:--}")")
    bench_log "$1: exit $RUN_RC, $(bench_ms_to_s "$RUN_MS") s, ${COUNTERS[RECORDS_QUERY]:-0} records/query requests"
}
for ((i = 1; i <= RUNS; i++)); do
    listing "product #$i" "$PRODUCT_LAUNCHER"
    PRODUCT_MS+=("$RUN_MS")
    PRODUCT_CPU+=("${RUN_CPU_MS:-0}")
    if [[ -n $BASELINE ]]; then
        listing "baseline #$i" "$BASELINE"
        BASE_MS+=("$RUN_MS")
    fi
done

echo
echo "camel-icloud-photos listing benchmark — $(cd "$REPO_DIR" && git rev-parse --short HEAD 2>/dev/null || echo '?')$(cd "$REPO_DIR" && git diff --quiet HEAD 2>/dev/null || echo '+changes')"
echo "product: $PRODUCT_LAUNCHER${BASELINE:+; baseline: $BASELINE}"
echo "library: $COUNT assets, $LATENCY_MS ms per request; each run: sync --dry-run (full listing, nothing written)"
echo "machine: $(nproc) cores, load average now $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?'), $(java -version 2>&1 | head -n 1)"
echo
printf "$ROW_FORMAT\n" run exit "wall s" "cpu s" idle% load listing CloudKit "RSS MB" procs
printf '%s\n' "${ROWS[@]}"
echo
ms=$(bench_median "${PRODUCT_MS[@]}")
projected=$((ms * 100000 / COUNT))
printf 'product:  median %s s wall, %s s CPU over %d run(s); %s s per 100,000 assets\n' "$(bench_ms_to_s "$ms")" \
    "$(bench_ms_to_s "$(bench_median "${PRODUCT_CPU[@]}")")" "$RUNS" "$(bench_ms_to_s "$projected")"
if [[ -n $BASELINE ]]; then
    bms=$(bench_median "${BASE_MS[@]}")
    printf 'baseline: median %s s wall; %s s per 100,000 assets\n' "$(bench_ms_to_s "$bms")" \
        "$(bench_ms_to_s $((bms * 100000 / COUNT)))"
fi
if ((COUNT >= 100000)); then
    verdict=$( ((ms <= TARGET_MS_PER_100K * COUNT / 100000)) && echo PASS || echo MISS)
else
    verdict=$( ((projected <= TARGET_MS_PER_100K)) && echo "PASS?" || echo "MISS?")
    verdict="$verdict (projected from $COUNT assets)"
fi
echo "$verdict full listing: target at most 30 s for 100,000 assets at 100 ms per request"
exit $FAILED
