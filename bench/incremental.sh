#!/usr/bin/env bash
# What an incremental sync costs on a large library: requests, wall time, CPU seconds and peak RSS (JVM start
# included, whole process tree) of a first sync, of a sync where nothing changed, and of a sync after 100 changes,
# against a fake iCloud of 10,000 assets, beside a bare start of the product. See bench/README.md.
set -euo pipefail

usage() {
    cat <<'EOF'
Usage: bench/incremental.sh [--count N] [--runs N] [--changes QUERY] [--baseline PATH] [--fake-arg ARG]... [--keep]
                            [--wait-idle] [--watch-polls N]

  --count N        assets in the fake library (default 10000)
  --runs N         how many no-change syncs, and how many change-then-sync rounds (default 3)
  --changes QUERY  the changes applied before each measured sync, as for the fake's /__fake/mutate
                   (default add=50&trash=20&favourite=15&edit=10&hide=5, i.e. 100 changes)
  --baseline PATH  another build to compare with in the same run (a launcher, or a jar run with java -jar): its bare
                   start, and a no-change sync of it after each of the product's
  --fake-arg ARG   one more FakeICloudMain option, e.g. --fake-arg=--latency-ms=20 (repeatable)
  --keep           keep the scratch directory (photos, state, logs of every run)
  --wait-idle      before each timed run, wait until the machine is 90% idle (BENCH_WAIT_IDLE=1, see lib.sh)
  --watch-polls N  also run the product in watch mode (--watch-with-interval 60, its floor) and measure N polls
                   where nothing changed, after its first: CPU seconds and requests per poll, RSS (default 0)

Targets of issue 13 (PASS or MISS; a MISS does not fail the script), meant for --count 100000: a first sync at most
0.6 CPU ms per file; a no-change sync 1 CloudKit request, at most 1.5 CPU s, 150 MB peak RSS and 1.5 s wall (medians;
wall time only on an idle machine). With --watch-polls, the same request and CPU targets for a poll of a JVM that
stays up, and its resident memory against the 150 MB.

Exit status: 0 when every sync succeeded (request counts that differ from the expected ones are flagged with
'*' but do not fail the run), 1 otherwise.
EOF
}

COUNT=10000
RUNS=3
CHANGES='add=50&trash=20&favourite=15&edit=10&hide=5'
FAKE_ARGS=()
BASELINE=""
WATCH_POLLS=0
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

bench_options --count=COUNT --runs=RUNS --changes=CHANGES --baseline=BASELINE --fake-arg=FAKE_ARGS+ \
    --watch-polls=WATCH_POLLS -- "$@"
[[ $COUNT =~ ^[0-9]+$ && $RUNS =~ ^[1-9][0-9]*$ && $WATCH_POLLS =~ ^[0-9]+$ ]] || { usage >&2; exit 2; }

bench_require java mvn curl
bench_build
bench_workdir
bench_start_fake --count="$COUNT" "${FAKE_ARGS[@]}"

ROW_FORMAT='%-22s %4s %8s %8s %5s %5s %8s %6s %6s %6s %6s %5s  %s'
ROWS=()
NOTES=()
FAILED=0
NOCHANGE_MS=()
CHANGED_MS=()
NOCHANGE_CPU=()
NOCHANGE_RSS=()
NOCHANGE_CK=()
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
        "$ck" "$cdn" "$other" "$RUN_FILES" "$rss" "${RUN_PROCS:--}" "$(bench_counter_split)")")
    bench_log "$label: exit $RUN_RC, $(bench_ms_to_s "$RUN_MS") s, $ck CloudKit + $cdn CDN + $other other requests; ${RUN_SUMMARY:-no summary line}"
}

[[ -z $BASELINE || -e $BASELINE ]] || bench_die "no baseline $BASELINE"
# the runs start in the scratch folder
[[ -z $BASELINE ]] || BASELINE=$(realpath "$BASELINE")
START_ROWS=()
start_row() { # label path: the product printing its version, the floor of any run
    bench_product "$2" --version
    bench_run "$1" "${PRODUCT_CMD[@]}"
    START_ROWS+=("$(printf "$ROW_FORMAT" "$1" "$RUN_RC" "$(bench_ms_to_s "$RUN_MS")" \
        "$([[ -n $RUN_CPU_MS ]] && bench_ms_to_s "$RUN_CPU_MS" || echo -)" "$RUN_IDLE" "$RUN_LOAD" - - - - \
        "$([[ -n $RUN_RSS_KB ]] && echo $((RUN_RSS_KB / 1024)) || echo -)" "${RUN_PROCS:--}" "the floor of any run")")
}
start_row "bare start (--version)" "${BENCH_PRODUCT:-$PRODUCT_LAUNCHER}"
[[ -z $BASELINE ]] || start_row "baseline bare start" "$BASELINE"
BASE_MS=()
BASE_CPU=()

bench_log "first sync (sign-in with two-factor code, full listing, every download)"
bench_reset_counters
echo "$FAKE_CODE" >"$BENCH_WORK/code"
SYNC_STDIN=$BENCH_WORK/code bench_sync "first sync (full)"
record_row "first sync (full)"
((RUN_RC == 0)) || bench_die "the first sync failed; nothing to measure"
FIRST_CPU_MS=${RUN_CPU_MS:-0}
FIRST_FILES=$RUN_FILES
FIRST_RSS_KB=${RUN_RSS_KB:-0}

for ((i = 1; i <= RUNS; i++)); do
    bench_reset_counters
    bench_sync "no change #$i"
    record_row "no change #$i" 1 0
    NOCHANGE_MS+=("$RUN_MS")
    NOCHANGE_CPU+=("${RUN_CPU_MS:-0}")
    NOCHANGE_RSS+=("${RUN_RSS_KB:-0}")
    NOCHANGE_CK+=("${COUNTERS[CLOUDKIT]}")
    if [[ -n $BASELINE ]]; then
        bench_reset_counters
        BENCH_PRODUCT=$BASELINE bench_sync "baseline no change #$i"
        record_row "baseline no change #$i" 1 0
        BASE_MS+=("$RUN_MS")
        BASE_CPU+=("${RUN_CPU_MS:-0}")
    fi
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

# Watch mode: one JVM that stays up and polls every 60 s (the floor); each poll after its first is measured from the
# outside: CPU ticks of the JVM between two cycles' summary lines (the idle minute between them included), the
# requests the fake counted, the cycle's own duration from --report-json, and the JVM's resident memory then.
WATCH_CPU=()
WATCH_MS=()
WATCH_CK=()
WATCH_RSS=()
cpu_ms_of() { # user + system CPU of every thread of process $1 so far, in ms
    local line rest fields
    read -r line <"/proc/$1/stat"
    rest=${line##*) }
    read -r -a fields <<<"$rest"
    echo $(((fields[11] + fields[12]) * 1000 / $(getconf CLK_TCK)))
}
status_kb_of() { # $1 pid, $2 VmRSS or VmHWM
    local key value
    while read -r key value _; do [[ $key == "$2:" ]] && { echo "$value"; return; }; done <"/proc/$1/status"
    echo 0
}
await_cycles() { # $1 summary lines in the watch run's stderr; the run must still be alive
    local deadline=$((SECONDS + 600))
    while (($(grep -ac '^Done in' "$WATCH_ERR" || true) < $1)); do
        kill -0 "$RUN_PID" 2>/dev/null || bench_die "watch mode ended early (log: $WATCH_ERR)"
        ((SECONDS < deadline)) || bench_die "no cycle $1 within 10 minutes (log: $WATCH_ERR)"
        sleep 0.1
    done
}
if ((WATCH_POLLS > 0)); then
    bench_log "watch mode: $WATCH_POLLS poll(s) of 60 s after its first"
    WATCH_ERR=$BENCH_WORK/logs/watch.err
    WATCH_REPORT=$BENCH_WORK/logs/watch-report.json
    bench_product "${BENCH_PRODUCT:-$PRODUCT_LAUNCHER}" sync \
        -u "$FAKE_USER" -d "$BENCH_WORK/photos" --data-dir "$BENCH_WORK/state" \
        --auth-endpoint "$FAKE_AUTH" --setup-endpoint "$FAKE_SETUP" --no-progress-bar \
        --watch-with-interval 60 --report-json "$WATCH_REPORT"
    (cd "$BENCH_WORK" && ICLOUD_PASSWORD=$FAKE_PASSWORD exec "${PRODUCT_CMD[@]}") \
        </dev/null >"$BENCH_WORK/logs/watch.out" 2>"$WATCH_ERR" &
    RUN_PID=$! # the EXIT trap stops it if the script is cut short
    await_cycles 1
    for ((i = 1; i <= WATCH_POLLS; i++)); do
        bench_reset_counters
        cpu0=$(cpu_ms_of "$RUN_PID")
        await_cycles $((i + 1))
        cpu1=$(cpu_ms_of "$RUN_PID")
        sleep 0.5 # the report file is written after the summary line
        bench_read_counters
        WATCH_CPU+=($((cpu1 - cpu0)))
        WATCH_MS+=("$(sed -n 's/.*"durationMillis" *: *\([0-9]*\).*/\1/p' "$WATCH_REPORT")")
        WATCH_CK+=("${COUNTERS[CLOUDKIT]}")
        WATCH_RSS+=("$(status_kb_of "$RUN_PID" VmRSS)")
        bench_log "watch poll #$i: $(bench_ms_to_s "${WATCH_CPU[-1]}") CPU s since the last poll, cycle ${WATCH_MS[-1]:-?} ms, ${COUNTERS[CLOUDKIT]} CloudKit + ${COUNTERS[CDN]} CDN requests ($(bench_counter_split)), RSS $((WATCH_RSS[-1] / 1024)) MB"
    done
    WATCH_HWM=$(status_kb_of "$RUN_PID" VmHWM)
    kill -TERM "$RUN_PID"
    wait "$RUN_PID" || true
    RUN_PID=""
fi

echo
echo "camel-icloud-photos incremental sync benchmark — $(cd "$REPO_DIR" && git rev-parse --short HEAD 2>/dev/null || echo '?')$(cd "$REPO_DIR" && git diff --quiet HEAD 2>/dev/null || echo '+changes')"
echo "product: ${BENCH_PRODUCT:-$PRODUCT_LAUNCHER}${BENCH_JAVA_OPTS:+ with $BENCH_JAVA_OPTS}${BASELINE:+; baseline: $BASELINE}"
echo "library: $COUNT assets; changes per round: $CHANGES (last round: ${MUTATION[records]} records to fetch, ${MUTATION[newFiles]} new files)"
echo "machine: $(nproc) cores, load average now $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?'), $(java -version 2>&1 | head -n 1)"
echo
printf "$ROW_FORMAT\n" run exit "wall s" "cpu s" idle% load CloudKit CDN other files "RSS MB" procs "requests by endpoint (CDN aside)"
printf '%s\n' "${START_ROWS[@]}"
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
[[ -z $BASELINE ]] || median_line "baseline no-change sync" "${BASE_MS[@]}" -- "${BASE_CPU[@]}"
median_line "sync after ${MUTATION[changes]} changes" "${CHANGED_MS[@]}" -- "${CHANGED_CPU[@]}"
echo
verdict() { if (($1)); then echo PASS; else echo MISS; fi; }
if ((FIRST_CPU_MS > 0)) && [[ $FIRST_FILES =~ ^[1-9][0-9]*$ ]]; then
    per_file_us=$((FIRST_CPU_MS * 1000 / FIRST_FILES))
    printf '%-4s first sync: %d.%03d CPU ms per file (%s CPU s, %d files, %d MB peak RSS; target: at most 0.6 ms per file)\n' \
        "$(verdict $((per_file_us <= 600)))" $((per_file_us / 1000)) $((per_file_us % 1000)) \
        "$(bench_ms_to_s "$FIRST_CPU_MS")" "$FIRST_FILES" $((FIRST_RSS_KB / 1024))
fi
nc_ck=$(bench_median "${NOCHANGE_CK[@]}")
nc_ms=$(bench_median "${NOCHANGE_MS[@]}")
nc_cpu=$(bench_median "${NOCHANGE_CPU[@]}")
nc_rss=$(printf '%s\n' "${NOCHANGE_RSS[@]}" | sort -n | tail -n 1)
printf '%-4s no-change sync: %s CloudKit request(s) (target: 1)\n' "$(verdict $((nc_ck == 1)))" "$nc_ck"
if ((nc_cpu > 0)); then
    printf '%-4s no-change sync: %s CPU s (target: at most 1.5 s)\n' "$(verdict $((nc_cpu <= 1500)))" "$(bench_ms_to_s "$nc_cpu")"
fi
if ((nc_rss > 0)); then
    printf '%-4s no-change sync: %d MB peak RSS, summed over its processes (target: at most 150 MB)\n' \
        "$(verdict $((nc_rss <= 150 * 1024)))" $((nc_rss / 1024))
fi
printf '%-4s no-change sync: %s s wall (target: at most 1.5 s on an idle machine)\n' "$(verdict $((nc_ms <= 1500)))" \
    "$(bench_ms_to_s "$nc_ms")"
if ((WATCH_POLLS > 0)); then
    w_ck=$(bench_median "${WATCH_CK[@]}")
    w_cpu=$(bench_median "${WATCH_CPU[@]}")
    w_ms=$(bench_median "${WATCH_MS[@]:-0}")
    w_rss=$(printf '%s\n' "${WATCH_RSS[@]}" | sort -n | tail -n 1)
    echo
    printf '%-4s watch-mode poll, no change: %s CloudKit request(s) (target: 1)\n' "$(verdict $((w_ck == 1)))" "$w_ck"
    printf '%-4s watch-mode poll, no change: %s CPU s from one poll to the next, the idle minute included (target: at most 1.5 s)\n' \
        "$(verdict $((w_cpu <= 1500)))" "$(bench_ms_to_s "$w_cpu")"
    printf '%-4s watch-mode poll, no change: the cycle took %s s (target: at most 1.5 s)\n' "$(verdict $((w_ms <= 1500)))" \
        "$(bench_ms_to_s "$w_ms")"
    printf '%-4s watch-mode JVM: %d MB resident after its polls (target: at most 150 MB); %d MB at its peak (the start)\n' \
        "$(verdict $((w_rss <= 150 * 1024)))" $((w_rss / 1024)) $((WATCH_HWM / 1024))
    printf '     (medians of %d poll(s); RSS the highest)\n' "${#WATCH_CPU[@]}"
fi
if ((${#NOTES[@]})); then
    echo
    printf '* %s\n' "${NOTES[@]}"
fi
exit "$FAILED"
