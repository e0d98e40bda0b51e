# shellcheck shell=bash
# Helpers shared by the scripts in bench/. Source it (after `set -euo pipefail`); it does nothing on its own.
#
#   bench_options SPEC... -- ARGS...
#                               parses a script's options: each SPEC is --name=VAR (the option's value goes into VAR)
#                               or --name=VAR+ (appended to the array VAR), taken as "--name VALUE" or "--name=VALUE";
#                               --keep and --wait-idle (BENCH_KEEP=1, BENCH_WAIT_IDLE=1) and -h/--help (the script's
#                               usage function) are every script's; anything else prints the usage and exits 2
#   bench_require CMD...        fail unless every command is on PATH
#   bench_build                 product jar + test classes + test class path, skipped when up to date
#   bench_workdir               a scratch directory in $BENCH_WORK, removed on exit (unless BENCH_KEEP=1)
#   bench_start_fake ARGS...    starts FakeICloudMain --control on ephemeral ports; sets FAKE_PID, FAKE_AUTH,
#                               FAKE_SETUP, FAKE_CONTROL; stopped on exit
#   bench_reset_counters        zeroes the fake's request counters
#   bench_read_counters         COUNTERS[ENDPOINT]=requests since the last reset (plus CLOUDKIT, CDN, TOTAL)
#   bench_counter_split         the non-zero counters but CDN and totals: "changes_database=1 changes_zone=1"
#   bench_mutate QUERY          POST /__fake/mutate?QUERY; MUTATION[key]=value of its answer
#   bench_run LABEL CMD...      runs CMD timed (wall clock; with /usr/bin/time also CPU time); sets RUN_RC, RUN_MS,
#                               RUN_CPU_MS (user + system of CMD and every process it started; "" if unknown),
#                               RUN_RSS_KB (each process's peak RSS, summed over CMD and every process it started;
#                               "" if unknown), RUN_PROCS (how many processes that sum counts), RUN_IDLE (% of the
#                               machine idle in the second before it started), RUN_LOAD (1-minute load average then),
#                               RUN_STEAL_MS (CPU time the host's other guests took meanwhile, summed over CPUs),
#                               RUN_OUT, RUN_ERR (files); with BENCH_WAIT_IDLE=1 it first waits for an idle machine;
#                               never fails itself
#   bench_product PATH ARGS...  bench_run's command for the product at PATH, with ARGS: a launcher runs as it is (with
#                               BENCH_JAVA_OPTS as JAVA_OPTS), a jar as `java BENCH_JAVA_OPTS -jar PATH`; sets
#                               PRODUCT_CMD (an array)
#   bench_sync LABEL ARGS...    bench_run of the product's `sync` (the launcher target/bin/camel-icloud-photos, or
#                               $BENCH_PRODUCT: another launcher or jar, e.g. an older build to compare with) against
#                               the fake, into $BENCH_WORK/photos with state in $BENCH_WORK/state; stdin from
#                               $SYNC_STDIN (default /dev/null); also sets RUN_SUMMARY (the "Done in" line) and
#                               RUN_FILES
#   bench_ms_to_s MS            "12.345"
#   bench_median N...           the median (lower middle for an even count)
#   bench_idle_pct              % of the machine's CPU time idle over the next second
#   bench_wait_idle             with BENCH_WAIT_IDLE=1, waits until the machine is idle (see below)
#
# Environment: BENCH_REBUILD=1 forces the Maven build; MVN_ARGS adds Maven options (e.g. -o); BENCH_JAVA_OPTS and
# FAKE_JAVA_OPTS add JVM options to the product and to the fake; BENCH_PRODUCT runs another launcher or jar as the
# product; BENCH_TMP is where scratch directories go (default
# $TMPDIR or /tmp); BENCH_KEEP=1 keeps the scratch directory and the logs; BENCH_TIME=0 skips /usr/bin/time;
# BENCH_WAIT_IDLE=1 (BENCH_IDLE_PCT=90, BENCH_IDLE_TIMEOUT=600) waits for an idle machine before each timed run.

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_DIR=$(cd "$BENCH_DIR/.." && pwd)
PRODUCT_JAR=$REPO_DIR/target/camel-icloud-photos.jar
PRODUCT_LAUNCHER=$REPO_DIR/target/bin/camel-icloud-photos
TEST_CLASSPATH_FILE=$REPO_DIR/target/test.classpath
FAKE_USER=jdoe@example.com
FAKE_PASSWORD='correct horse battery staple'
FAKE_CODE=123456

FAKE_PID=""
RUN_PID=""
BENCH_WORK=""
declare -A COUNTERS=()
declare -A MUTATION=()

bench_options() {
    local -A into=()
    while (($#)) && [[ $1 != -- ]]; do
        into[${1%%=*}]=${1#*=}
        shift
    done
    shift
    local option value target
    while (($#)); do
        case $1 in
            --keep) export BENCH_KEEP=1; shift; continue ;;
            --wait-idle) export BENCH_WAIT_IDLE=1; shift; continue ;;
            -h | --help) usage; exit 0 ;;
            --*=*) option=${1%%=*}; value=${1#*=}; shift ;;
            *) (($# >= 2)) || { usage >&2; exit 2; }; option=$1; value=$2; shift 2 ;;
        esac
        target=${into[$option]:-}
        [[ -n $target ]] || { usage >&2; exit 2; }
        if [[ $target == *+ ]]; then
            local -n _bench_list=${target%+}
            _bench_list+=("$value")
            unset -n _bench_list
        else
            printf -v "$target" '%s' "$value"
        fi
    done
}

bench_log() { printf '[bench %s] %s\n' "$(date +%T)" "$*" >&2; }

bench_die() {
    bench_log "ERROR: $*"
    exit 1
}

bench_require() {
    local cmd
    for cmd in "$@"; do
        command -v "$cmd" >/dev/null 2>&1 || bench_die "$cmd is needed but not on PATH"
    done
}

bench_now_ms() {
    if [[ -n ${EPOCHREALTIME:-} ]]; then
        local t=${EPOCHREALTIME/[.,]/}   # microseconds (bash 5)
        echo $((t / 1000))
    else
        echo $(($(date +%s%N) / 1000000))
    fi
}

# Percentage of CPU time the whole machine spent idle over the next second (from /proc/stat; "?" elsewhere).
bench_idle_pct() {
    [[ -r /proc/stat ]] || { echo "?"; return; }
    local a b
    read -r -a a < <(grep '^cpu ' /proc/stat)
    sleep 1
    read -r -a b < <(grep '^cpu ' /proc/stat)
    local idle=$((b[4] + b[5] - a[4] - a[5])) total=0 i
    for ((i = 1; i < ${#a[@]}; i++)); do total=$((total + b[i] - a[i])); done
    echo $((total > 0 ? 100 * idle / total : 100))
}

# With BENCH_WAIT_IDLE=1, waits (at most BENCH_IDLE_TIMEOUT seconds, default 600) until the machine is at least
# BENCH_IDLE_PCT percent idle (default 90) over one second; on a shared machine this keeps other people's builds out
# of the wall times. Sets RUN_IDLE to the last measurement either way.
bench_wait_idle() {
    local deadline=$((SECONDS + ${BENCH_IDLE_TIMEOUT:-600}))
    RUN_IDLE=$(bench_idle_pct)
    [[ ${BENCH_WAIT_IDLE:-0} == 1 && $RUN_IDLE != "?" ]] || return 0
    while ((RUN_IDLE < ${BENCH_IDLE_PCT:-90})); do
        if ((SECONDS >= deadline)); then
            bench_log "the machine is still busy (${RUN_IDLE}% idle); measuring anyway"
            return 0
        fi
        sleep 2
        RUN_IDLE=$(bench_idle_pct)
    done
}

bench_ms_to_s() { printf '%d.%03d' $(($1 / 1000)) $(($1 % 1000)); }

bench_median() {
    local sorted
    mapfile -t sorted < <(printf '%s\n' "$@" | sort -n)
    echo "${sorted[$(((${#sorted[@]} - 1) / 2))]}"
}

# True when $1 is missing or something the build reads is newer.
_bench_stale() {
    [[ -f $1 ]] || return 0
    [[ -n $(find "$REPO_DIR/pom.xml" "$REPO_DIR/src" "$REPO_DIR/routes" "$REPO_DIR/config" -newer "$1" -print -quit 2>/dev/null) ]]
}

bench_build() {
    if [[ ${BENCH_REBUILD:-0} != 1 ]] && ! _bench_stale "$PRODUCT_JAR" && ! _bench_stale "$TEST_CLASSPATH_FILE" \
        && [[ -d $REPO_DIR/target/test-classes ]]; then
        bench_log "build is up to date (BENCH_REBUILD=1 forces it)"
        return
    fi
    bench_log "building the jar, the test classes and the test class path (mvn package -DskipTests)"
    # package compiles the tests too (-DskipTests only skips running them); one Maven run does everything
    # shellcheck disable=SC2086
    (cd "$REPO_DIR" && mvn -B -q ${MVN_ARGS:-} package -DskipTests dependency:build-classpath \
        -Dmdep.outputFile="$TEST_CLASSPATH_FILE" -Dmdep.includeScope=test) || bench_die "the Maven build failed"
    touch "$TEST_CLASSPATH_FILE" # the plugin leaves an unchanged file alone; the stamp must still move
    [[ -f $PRODUCT_JAR ]] || bench_die "the build made no $PRODUCT_JAR"
    [[ -x $PRODUCT_LAUNCHER ]] || bench_die "the build made no $PRODUCT_LAUNCHER"
}

_bench_cleanup() {
    local rc=$?
    if [[ -n $RUN_PID ]]; then # a timed run in progress: /usr/bin/time's child first, then the run itself
        pkill -TERM -P "$RUN_PID" 2>/dev/null || true
        kill -TERM "$RUN_PID" 2>/dev/null || true
        wait "$RUN_PID" 2>/dev/null || true
    fi
    bench_stop_fake
    if [[ -n $BENCH_WORK && -d $BENCH_WORK ]]; then
        if [[ ${BENCH_KEEP:-0} == 1 ]]; then
            bench_log "kept $BENCH_WORK"
        else
            rm -rf "$BENCH_WORK"
        fi
    fi
    return $rc
}
trap _bench_cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

bench_workdir() {
    BENCH_WORK=$(mktemp -d "${BENCH_TMP:-${TMPDIR:-/tmp}}/camel-icloud-bench.XXXXXX")
    mkdir -p "$BENCH_WORK/photos" "$BENCH_WORK/state" "$BENCH_WORK/logs"
}

bench_start_fake() {
    [[ -n $BENCH_WORK ]] || bench_die "call bench_workdir first"
    local log=$BENCH_WORK/logs/fake.log
    # shellcheck disable=SC2086
    java ${FAKE_JAVA_OPTS:-} -cp "$REPO_DIR/target/test-classes:$REPO_DIR/target/classes:$(cat "$TEST_CLASSPATH_FILE")" \
        com.camelicloud.photos.fake.FakeICloudMain --control --auth-port=0 --cloudkit-port=0 --cdn-port=0 "$@" \
        >"$log" 2>&1 </dev/null &
    FAKE_PID=$!
    local waited=0
    until grep -q '^  library ' "$log" 2>/dev/null; do
        if ! kill -0 "$FAKE_PID" 2>/dev/null; then
            FAKE_PID=""
            cat "$log" >&2
            bench_die "the fake iCloud exited before it was ready"
        fi
        ((waited++ < ${BENCH_FAKE_TIMEOUT:-600} * 5)) || bench_die "the fake iCloud was not ready in time; see $log"
        sleep 0.2
    done
    FAKE_AUTH=$(sed -n 's/^  auth endpoint *: //p' "$log")
    FAKE_SETUP=$(sed -n 's/^  setup endpoint *: //p' "$log")
    FAKE_CONTROL=$(sed -n 's/^  control *: \(http[^ ]*__fake\).*/\1/p' "$log")
    [[ -n $FAKE_AUTH && -n $FAKE_SETUP && -n $FAKE_CONTROL ]] || bench_die "cannot read the fake's endpoints from $log"
    bench_log "fake iCloud ready (pid $FAKE_PID): $(sed -n 's/^  library *: //p' "$log")"
}

bench_stop_fake() {
    if [[ -n $FAKE_PID ]]; then
        kill "$FAKE_PID" 2>/dev/null || true
        wait "$FAKE_PID" 2>/dev/null || true
        FAKE_PID=""
    fi
}

bench_reset_counters() {
    curl -fsS -X POST "$FAKE_CONTROL/reset" >/dev/null || bench_die "cannot reset the fake's counters"
}

bench_read_counters() {
    local name value text
    text=$(curl -fsS "$FAKE_CONTROL/counters?format=text") || bench_die "cannot read the fake's counters"
    COUNTERS=()
    while read -r name value; do
        COUNTERS[$name]=$value
    done <<<"$text"
}

# The non-zero counters except CDN and the totals, as "changes_zone=2 validate=1" (Endpoint names, lower-case).
bench_counter_split() {
    local name out=()
    for name in "${!COUNTERS[@]}"; do
        case $name in CDN | CLOUDKIT | TOTAL) continue ;; esac
        ((COUNTERS[$name] > 0)) || continue
        out+=("$(tr 'A-Z' 'a-z' <<<"$name")=${COUNTERS[$name]}")
    done
    ((${#out[@]})) || { echo "-"; return; }
    printf '%s\n' "${out[@]}" | sort | paste -sd' ' -
}

bench_mutate() {
    local name value text
    text=$(curl -fsS -X POST "$FAKE_CONTROL/mutate?$1&format=text") || bench_die "the fake refused mutate?$1"
    MUTATION=()
    while read -r name value; do
        MUTATION[$name]=$value
    done <<<"$text"
}

# CPU time the hypervisor gave to other guests while this machine's CPUs wanted it (the "steal" of /proc/stat), in
# clock ticks summed over all CPUs; 0 where unknown. On a shared host it can stretch a run's wall time by seconds.
bench_steal_ticks() {
    local cpu
    read -r -a cpu < <(grep '^cpu ' /proc/stat 2>/dev/null || echo cpu)
    echo "${cpu[8]:-0}"
}

# Peak RSS of a process tree, for bench_run: every 0.1 s, the VmHWM (peak resident set, which only grows) of each
# process under ROOT, ROOT itself too when $2 is 1. Once ROOT has exited, prints the sum of those peaks in KB and how
# many processes it counts. A process that lives less than 0.1 s can be missed, and growth in a process's last 0.1 s.
# Pure bash builtins, so that sampling forks nothing; its CPU time is not the run's.
_bench_tree_rss() {
    local root=$1 with_root=$2 f pid line rest up depth key value total=0
    local -A parent=() peak=()
    while kill -0 "$root" 2>/dev/null; do
        parent=()
        for f in /proc/[0-9]*/stat; do
            read -r line 2>/dev/null <"$f" || continue
            pid=${f#/proc/}
            pid=${pid%/stat}
            rest=${line##*) } # "S PPID ..." (the command name in parentheses may hold spaces)
            rest=${rest#* }
            parent[$pid]=${rest%% *}
        done
        for pid in "${!parent[@]}"; do
            up=$pid
            for ((depth = 0; depth < 16 && up != root && up > 1; depth++)); do up=${parent[$up]:-1}; done
            [[ $up == "$root" ]] || continue
            [[ $pid != "$root" || $with_root == 1 ]] || continue
            # (the process may have ended since the scan; the scripts run with set -e)
            { while read -r key value _; do
                if [[ $key == VmHWM: ]]; then
                    if ((value > ${peak[$pid]:-0})); then peak[$pid]=$value; fi
                    break
                fi
            done <"/proc/$pid/status"; } 2>/dev/null || true
        done
        sleep 0.1
    done
    for pid in "${!peak[@]}"; do total=$((total + peak[$pid])); done
    if ((${#peak[@]})); then echo "$total ${#peak[@]}"; fi
}

bench_run() {
    local label=$1 slug
    shift
    slug=$(tr -c 'A-Za-z0-9\n' '-' <<<"$label")
    RUN_OUT=$BENCH_WORK/logs/$slug.out
    RUN_ERR=$BENCH_WORK/logs/$slug.err
    local timefile=$BENCH_WORK/logs/$slug.time rssfile=$BENCH_WORK/logs/$slug.rss start end sampler
    local -a timer=()
    if [[ ${BENCH_TIME:-1} != 0 && -x /usr/bin/time ]]; then
        timer=(/usr/bin/time -v -o "$timefile")
    fi
    RUN_RSS_KB=""
    RUN_CPU_MS=""
    RUN_PROCS=""
    bench_wait_idle
    RUN_LOAD=$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo "?")
    local steal0
    steal0=$(bench_steal_ticks)
    start=$(bench_now_ms)
    # in the background and waited for, so that a TERM or INT reaches the EXIT trap at once (bash defers traps
    # until a foreground command ends); the trap stops RUN_PID and its child
    # in the scratch folder: a config/application.properties where the bench is started is not the run's to read
    (cd "$BENCH_WORK" && exec "${timer[@]}" "$@") <"${SYNC_STDIN:-/dev/null}" >"$RUN_OUT" 2>"$RUN_ERR" &
    RUN_PID=$!
    _bench_tree_rss "$RUN_PID" $((${#timer[@]} ? 0 : 1)) >"$rssfile" &
    sampler=$!
    set +e
    wait "$RUN_PID"
    RUN_RC=$?
    set -e
    RUN_PID=""
    end=$(bench_now_ms)
    wait "$sampler" || true
    read -r RUN_RSS_KB RUN_PROCS <"$rssfile" || true
    RUN_MS=$((end - start))
    RUN_STEAL_MS=$((($(bench_steal_ticks) - steal0) * 1000 / $(getconf CLK_TCK)))
    if [[ -f $timefile ]]; then
        # the largest single process's peak: a floor for the sum when the sampler missed a process
        local largest
        largest=$(sed -n 's/^[[:space:]]*Maximum resident set size (kbytes): //p' "$timefile")
        if ((${largest:-0} > ${RUN_RSS_KB:-0})); then
            RUN_RSS_KB=$largest
            RUN_PROCS=${RUN_PROCS:-1}
        fi
        RUN_CPU_MS=$(awk -F': ' '/(User|System) time \(seconds\)/ { s += $2 } END { printf "%d", s * 1000 }' "$timefile")
    fi
    if ((RUN_RC != 0)); then
        bench_log "$label exited with $RUN_RC; last lines of its stderr:"
        tail -n 20 "$RUN_ERR" >&2
    fi
}

bench_product() {
    local path=$1
    shift
    case $path in
        # shellcheck disable=SC2206 # BENCH_JAVA_OPTS are words
        *.jar) PRODUCT_CMD=(java ${BENCH_JAVA_OPTS:-} -jar "$path" "$@") ;;
        *) PRODUCT_CMD=(env "JAVA_OPTS=${BENCH_JAVA_OPTS:-}" "$path" "$@") ;;
    esac
}

bench_sync() {
    local label=$1
    shift
    bench_product "${BENCH_PRODUCT:-$PRODUCT_LAUNCHER}" sync \
        -u "$FAKE_USER" -d "$BENCH_WORK/photos" --data-dir "$BENCH_WORK/state" \
        --auth-endpoint "$FAKE_AUTH" --setup-endpoint "$FAKE_SETUP" --no-progress-bar "$@"
    ICLOUD_PASSWORD=$FAKE_PASSWORD bench_run "$label" "${PRODUCT_CMD[@]}"
    RUN_SUMMARY=$(grep -a '^Done in' "$RUN_ERR" | tail -n 1 || true)
    RUN_FILES=$(sed -n 's/^Done in [0-9]*s: \([0-9]*\) files downloaded.*/\1/p' <<<"$RUN_SUMMARY")
    RUN_FILES=${RUN_FILES:-?}
}
