#!/usr/bin/env bash
# What an incremental sync costs on a large library: requests and wall time (JVM start included) of a sync where
# nothing changed, and of a sync after 100 changes, against a fake iCloud of 10,000 assets. See bench/README.md.
set -euo pipefail

usage() {
    cat <<'EOF'
Usage: bench/incremental.sh [--count N] [--runs N] [--changes QUERY] [--fake-arg ARG]... [--keep] [--wait-idle]

  --count N        assets in the fake library (default 10000)
  --runs N         how many no-change syncs, and how many change-then-sync rounds (default 3)
  --changes QUERY  the changes applied before each measured sync, as for the fake's /__fake/mutate
                   (default add=50&trash=20&favourite=15&edit=10&hide=5, i.e. 100 changes)
  --fake-arg ARG   one more FakeICloudMain option, e.g. --fake-arg=--latency-ms=20 (repeatable)
  --keep           keep the scratch directory (photos, state, logs of every run)
  --wait-idle      before each timed run, wait until the machine is 90% idle (BENCH_WAIT_IDLE=1, see lib.sh)

Exit status: 0 when every sync succeeded (request counts that differ from the expected ones are flagged with
'*' but do not fail the run), 1 otherwise.
EOF
}

COUNT=10000
RUNS=3
CHANGES='add=50&trash=20&favourite=15&edit=10&hide=5'
FAKE_ARGS=()
while (($#)); do
    case $1 in
        --count) COUNT=$2; shift 2 ;;
        --count=*) COUNT=${1#*=}; shift ;;
        --runs) RUNS=$2; shift 2 ;;
        --runs=*) RUNS=${1#*=}; shift ;;
        --changes) CHANGES=$2; shift 2 ;;
        --changes=*) CHANGES=${1#*=}; shift ;;
        --fake-arg) FAKE_ARGS+=("$2"); shift 2 ;;
        --fake-arg=*) FAKE_ARGS+=("${1#*=}"); shift ;;
        --keep) export BENCH_KEEP=1; shift ;;
        --wait-idle) export BENCH_WAIT_IDLE=1; shift ;;
        -h | --help) usage; exit 0 ;;
        *) usage >&2; exit 2 ;;
    esac
done
[[ $COUNT =~ ^[0-9]+$ && $RUNS =~ ^[1-9][0-9]*$ ]] || { usage >&2; exit 2; }

# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

bench_require java mvn curl
bench_build
bench_workdir
bench_start_fake --count="$COUNT" "${FAKE_ARGS[@]}"

ROW_FORMAT='%-22s %4s %8s %8s %5s %5s %8s %6s %6s %6s %6s  %s'
ROWS=()
NOTES=()
FAILED=0
NOCHANGE_MS=()
CHANGED_MS=()
NOCHANGE_CPU=()
CHANGED_CPU=()

# One table row from the last sync and the counters; $2 = expected CloudKit requests, $3 = expected CDN GETs
# (empty: no expectation).
record_row() {
    local label=$1 want_ck=${2:-} want_cdn=${3:-} ck cdn other flag="" rss="-" cpu="-"
    bench_read_counters
    ck=${COUNTERS[CLOUDKIT]}
    cdn=${COUNTERS[CDN]}
    other=$((${COUNTERS[TOTAL]} - ck - cdn))
    if [[ -n $want_ck && $ck != "$want_ck" ]]; then
        flag="*"
        NOTES+=("$label: $ck CloudKit requests, expected $want_ck")
    fi
    if [[ -n $want_cdn && $cdn != "$want_cdn" ]]; then
        flag="*"
        NOTES+=("$label: $cdn CDN requests, expected $want_cdn")
    fi
    if ((RUN_RC != 0)); then
        FAILED=1
        flag="*"
        NOTES+=("$label: exit status $RUN_RC (log: $RUN_ERR)")
    fi
    [[ -n $RUN_RSS_KB ]] && rss=$((RUN_RSS_KB / 1024))
    [[ -n $RUN_CPU_MS ]] && cpu=$(bench_ms_to_s "$RUN_CPU_MS")
    ROWS+=("$(printf "$ROW_FORMAT" "$label$flag" "$RUN_RC" "$(bench_ms_to_s "$RUN_MS")" "$cpu" "$RUN_IDLE" "$RUN_LOAD" \
        "$ck" "$cdn" "$other" "$RUN_FILES" "$rss" "$(bench_counter_split)")")
    bench_log "$label: exit $RUN_RC, $(bench_ms_to_s "$RUN_MS") s, $ck CloudKit + $cdn CDN + $other other requests; ${RUN_SUMMARY:-no summary line}"
}

bench_log "first sync (sign-in with two-factor code, full listing, every download)"
bench_reset_counters
echo "$FAKE_CODE" >"$BENCH_WORK/code"
SYNC_STDIN=$BENCH_WORK/code bench_sync "first sync (full)"
record_row "first sync (full)"
((RUN_RC == 0)) || bench_die "the first sync failed; nothing to measure"

for ((i = 1; i <= RUNS; i++)); do
    bench_reset_counters
    bench_sync "no change #$i"
    record_row "no change #$i" 1 0
    NOCHANGE_MS+=("$RUN_MS")
    NOCHANGE_CPU+=("${RUN_CPU_MS:-0}")
done

for ((i = 1; i <= RUNS; i++)); do
    bench_mutate "$CHANGES"
    pages=$(((${MUTATION[records]} + 199) / 200)) # changes/zone answers at most 200 records a page
    bench_log "applied ${MUTATION[changes]} changes ($CHANGES): ${MUTATION[records]} records to fetch ($pages changes/zone page(s)), ${MUTATION[newFiles]} new files"
    bench_reset_counters
    bench_sync "${MUTATION[changes]} changes #$i"
    record_row "${MUTATION[changes]} changes #$i" $((1 + pages)) "${MUTATION[newFiles]}"
    CHANGED_MS+=("$RUN_MS")
    CHANGED_CPU+=("${RUN_CPU_MS:-0}")
done

echo
echo "camel-icloud-photos incremental sync benchmark — $(cd "$REPO_DIR" && git rev-parse --short HEAD 2>/dev/null || echo '?')$(cd "$REPO_DIR" && git diff --quiet HEAD 2>/dev/null || echo '+changes')"
echo "library: $COUNT assets; changes per round: $CHANGES (last round: ${MUTATION[records]} records to fetch, ${MUTATION[newFiles]} new files)"
echo "machine: $(nproc) cores, load average now $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?'), $(java -version 2>&1 | head -n 1)"
echo
printf "$ROW_FORMAT\n" run exit "wall s" "cpu s" idle% load CloudKit CDN other files "RSS MB" "requests by endpoint (CDN aside)"
printf '%s\n' "${ROWS[@]}"
echo
median_line() { # label, then "wall ms..." "--" "cpu ms..."
    local label=$1 wall=() cpu=()
    shift
    while (($#)) && [[ $1 != -- ]]; do wall+=("$1"); shift; done
    shift
    cpu=("$@")
    printf '%-30s median %s s wall' "$label:" "$(bench_ms_to_s "$(bench_median "${wall[@]}")")"
    [[ -n $RUN_CPU_MS ]] && printf ', %s s CPU' "$(bench_ms_to_s "$(bench_median "${cpu[@]}")")"
    printf ' over %d run(s), JVM start and exit included\n' "${#wall[@]}"
}
median_line "no-change sync" "${NOCHANGE_MS[@]}" -- "${NOCHANGE_CPU[@]}"
median_line "sync after ${MUTATION[changes]} changes" "${CHANGED_MS[@]}" -- "${CHANGED_CPU[@]}"
if ((${#NOTES[@]})); then
    echo
    printf '* %s\n' "${NOTES[@]}"
fi
exit "$FAILED"
