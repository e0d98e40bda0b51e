#!/usr/bin/env bash
# What changing the layout settings costs: a library synced with the default folders (%Y/%m/%d) is synced again with
# another --folder-structure, and back. Every stored file must move, and none may be downloaded again (0 CDN
# requests). Prints wall time, CPU seconds and peak RSS of each run, with the requests it made. See bench/README.md.
set -euo pipefail

usage() {
    cat <<'EOF'
Usage: bench/relayout.sh [--count N] [--to PATTERN] [--fake-arg ARG]... [--keep] [--wait-idle]

  --count N        assets in the fake library (default 10000)
  --to PATTERN     the --folder-structure of the relayout (default "none": every file in one folder)
  --fake-arg ARG   one more FakeICloudMain option, e.g. --fake-arg=--latency-ms=20 (repeatable)
  --keep           keep the scratch directory (photos, state, logs of every run)
  --wait-idle      before each timed run, wait until the machine is 90% idle (BENCH_WAIT_IDLE=1, see lib.sh)

Exit status: 0 when every sync succeeded and no relayout downloaded anything, 1 otherwise.
EOF
}

COUNT=10000
TO=none
FAKE_ARGS=()
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

bench_options --count=COUNT --to=TO --fake-arg=FAKE_ARGS+ -- "$@"
[[ $COUNT =~ ^[0-9]+$ ]] || { usage >&2; exit 2; }

bench_require java mvn curl
bench_build
bench_workdir
bench_start_fake --count="$COUNT" "${FAKE_ARGS[@]}"

ROW_FORMAT='%-34s %4s %8s %8s %7s %8s %6s %7s  %s'
ROWS=()
FAILED=0

# One table row from the last sync: files on disk afterwards, files it moved, and the requests it made.
record_row() {
    local label=$1 want_cdn=${2:-} ck cdn flag="" rss="-" cpu="-" moved files
    bench_read_counters
    ck=${COUNTERS[CLOUDKIT]}
    cdn=${COUNTERS[CDN]}
    moved=$(sed -n 's/.* \([0-9]*\) moved to the paths.*/\1/p' <<<"$RUN_SUMMARY")
    files=$(find "$BENCH_WORK/photos" -path "$BENCH_WORK/photos/.*" -prune -o -type f -print | wc -l)
    if ((RUN_RC != 0)) || [[ -n $want_cdn && $cdn != "$want_cdn" ]]; then
        FAILED=1
        flag="*"
    fi
    [[ -n $RUN_RSS_KB ]] && rss=$((RUN_RSS_KB / 1024))
    [[ -n $RUN_CPU_MS ]] && cpu=$(bench_ms_to_s "$RUN_CPU_MS")
    ROWS+=("$(printf "$ROW_FORMAT" "$label$flag" "$RUN_RC" "$(bench_ms_to_s "$RUN_MS")" "$cpu" "$rss" "$ck" "$cdn" \
        "${moved:-0}" "$files files on disk; $(bench_counter_split)")")
    bench_log "$label: exit $RUN_RC, $(bench_ms_to_s "$RUN_MS") s, $ck CloudKit + $cdn CDN requests; ${RUN_SUMMARY:-no summary line}"
}

bench_log "first sync of $COUNT assets (sign-in with two-factor code, full listing, every download)"
bench_reset_counters
echo "$FAKE_CODE" >"$BENCH_WORK/code"
SYNC_STDIN=$BENCH_WORK/code bench_sync "first sync (%Y/%m/%d)"
record_row "first sync (%Y/%m/%d)"
((RUN_RC == 0)) || bench_die "the first sync failed; nothing to measure"

bench_reset_counters
bench_sync "relayout to $TO" --folder-structure "$TO"
record_row "relayout to $TO" 0

bench_reset_counters
bench_sync "no change ($TO)" --folder-structure "$TO"
record_row "no change ($TO)" 0

bench_reset_counters
bench_sync "relayout back to %Y/%m/%d"
record_row "relayout back to %Y/%m/%d" 0

echo
echo "camel-icloud-photos relayout benchmark — $(cd "$REPO_DIR" && git rev-parse --short HEAD 2>/dev/null || echo '?')$(cd "$REPO_DIR" && git diff --quiet HEAD 2>/dev/null || echo '+changes')"
echo "library: $COUNT assets; relayout: --folder-structure %Y/%m/%d -> $TO -> %Y/%m/%d"
echo "machine: $(nproc) cores, load average now $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?'), $(java -version 2>&1 | head -n 1)"
echo
printf "$ROW_FORMAT\n" run exit "wall s" "cpu s" "RSS MB" CloudKit CDN moved "result"
printf '%s\n' "${ROWS[@]}"
((FAILED == 0)) || echo "* a sync failed, or a relayout downloaded files (it must not)"
exit "$FAILED"
