#!/usr/bin/env bash
# spotcheck benchmark: spotcheck monthly and evaluate against DuckDB, Miller and `wc -l` on
# synthetic registries made by `spotcheck generate`. A measurement, not a test: see bench/README.md.
#
#   bash bench/run.sh [--sizes 1000000,5000000,10000000] [--layouts household,person]
#                     [--peers duckdb,miller] [--quick] [--timeout 600] [--data-dir DIR]
#                     [--record | --no-record] [--no-build] [--keep-outputs]
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH_DIR/.." && pwd)"
SPOTCHECK="$ROOT/bin/spotcheck"
RESULTS="$BENCH_DIR/RESULTS.md"

usage() {
  cat <<'EOF'
usage: bash bench/run.sh [options]        (or: npm run bench -- [options])

Generates synthetic registries with `spotcheck generate` (reused when present) and measures, on
each file, side by side: spotcheck monthly, spotcheck evaluate, DuckDB's and Miller's
10-households-per-village samples, and `wc -l` as a floor: wall time, CPU time (user+sys) and
peak RSS. Prints a Markdown table per file, then PASS/FAIL against the performance targets.

options:
  --sizes LIST      households per file, comma-separated; 1000000, 1M, 500k all work
                    (default 1000000,5000000,10000000; with --quick 20000)
  --layouts LIST    household,person (default both)
  --peers LIST      duckdb,miller, or none (default both)
  --quick           one small size (20000 households), installs nothing: a peer that is not
                    installed is skipped with a message; results are not recorded unless --record
  --timeout SECS    limit for each measured command (default 600); a run that hits it is
                    recorded as a timeout
  --data-dir DIR    where the registries and the run logs go
                    (default $SPOTCHECK_BENCH_DIR, else /tmp/spotcheck-bench)
  --record          append the tables to bench/RESULTS.md (default, except with --quick)
  --no-record       only print them
  --no-build        measure dist/ as it is instead of compiling src/ first
  --keep-outputs    keep every command's output files in the run directory
  -h, --help        this help

Exit status: 0 when every measured command ran (a timeout counts as ran), 1 when one failed,
2 for bad usage or a missing prerequisite. The targets never change the exit status.
EOF
}

say() { printf 'bench: %s\n' "$*" >&2; }
die() { printf 'bench: error: %s\n' "$*" >&2; exit 2; }

# ---------------------------------------------------------------- options
sizes=""
layouts="household,person"
peers="duckdb,miller"
quick=0
timeout_s=600
data_dir="${SPOTCHECK_BENCH_DIR:-/tmp/spotcheck-bench}"
record=""
build=1
keep_outputs=0
seed="bench"
command_line="bash bench/run.sh${*:+ $*}"

need_value() { [[ $# -ge 2 && -n "$2" ]] || die "$1 needs a value (see --help)"; }
while [[ $# -gt 0 ]]; do
  case "$1" in
    --sizes=*|--layouts=*|--peers=*|--timeout=*|--data-dir=*) set -- "${1%%=*}" "${1#*=}" "${@:2}"; continue ;;
    --sizes) need_value "$@"; sizes="$2"; shift 2 ;;
    --layouts) need_value "$@"; layouts="$2"; shift 2 ;;
    --peers) need_value "$@"; peers="$2"; shift 2 ;;
    --timeout) need_value "$@"; timeout_s="$2"; shift 2 ;;
    --data-dir) need_value "$@"; data_dir="$2"; shift 2 ;;
    --quick) quick=1; shift ;;
    --record) record=1; shift ;;
    --no-record) record=0; shift ;;
    --no-build) build=0; shift ;;
    --keep-outputs) keep_outputs=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) die "unknown option \"$1\" (see --help)" ;;
  esac
done

if [[ -z "$sizes" ]]; then
  if (( quick )); then sizes="20000"; else sizes="1000000,5000000,10000000"; fi
fi
[[ -n "$record" ]] || record=$(( quick ? 0 : 1 ))
[[ "$timeout_s" =~ ^[1-9][0-9]*$ ]] || die "--timeout must be a positive number of seconds, got \"$timeout_s\""

size_list=()
IFS=',' read -r -a raw_sizes <<<"$sizes"
for s in "${raw_sizes[@]}"; do
  s="${s// /}"
  case "$s" in
    [1-9]*[kK]) n="${s%[kK]}"; mult=1000 ;;
    [1-9]*[mM]) n="${s%[mM]}"; mult=1000000 ;;
    *) n="$s"; mult=1 ;;
  esac
  [[ "$n" =~ ^[1-9][0-9]*$ ]] || die "--sizes takes positive whole numbers of households (1000000, 1M, 20k), got \"$s\""
  size_list+=("$(( n * mult ))")
done
(( ${#size_list[@]} > 0 )) || die "--sizes is empty"

layout_list=()
IFS=',' read -r -a raw_layouts <<<"$layouts"
for l in "${raw_layouts[@]}"; do
  case "$l" in
    household|person) layout_list+=("$l") ;;
    *) die "--layouts takes household and/or person, got \"$l\"" ;;
  esac
done
(( ${#layout_list[@]} > 0 )) || die "--layouts is empty"

want_duckdb=0; want_miller=0
if [[ "$peers" != "none" ]]; then
  IFS=',' read -r -a raw_peers <<<"$peers"
  for p in "${raw_peers[@]}"; do
    case "$p" in
      duckdb) want_duckdb=1 ;;
      miller|mlr) want_miller=1 ;;
      *) die "--peers takes duckdb and/or miller, or none, got \"$p\"" ;;
    esac
  done
fi

# ---------------------------------------------------------------- prerequisites
command -v node >/dev/null || die "node is not on PATH (Node 20 or newer is needed)"
node_major="$(node -p 'process.versions.node.split(".")[0]')"
(( node_major >= 20 )) || die "Node 20 or newer is needed, found $(node --version)"
command -v timeout >/dev/null || die "timeout (coreutils) is not on PATH"
[[ -d "$ROOT/node_modules/commander" ]] || die "the project's dependencies are not installed: run \`npm ci\` in $ROOT first"

apt_updated=0
apt_install() {
  local sudo=""
  if [[ "$(id -u)" -ne 0 ]]; then
    command -v sudo >/dev/null || die "need to install $* with apt-get, but not root and no sudo: install it by hand"
    sudo="sudo"
  fi
  command -v apt-get >/dev/null || die "need to install $* but there is no apt-get: install it by hand"
  if (( ! apt_updated )); then
    say "apt-get update"
    $sudo apt-get update -qq >&2 || die "apt-get update failed"
    apt_updated=1
  fi
  say "apt-get install -y $*"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >&2 || die "apt-get install $* failed"
}

# GNU time gives the peak RSS; without it (only in --quick) bash's `time` gives wall and CPU.
TIME_BIN="${SPOTCHECK_BENCH_TIME:-/usr/bin/time}"
gnu_time=0
if [[ -x "$TIME_BIN" ]] && "$TIME_BIN" --version 2>&1 | grep -q GNU; then
  gnu_time=1
elif (( quick )); then
  say "GNU time (/usr/bin/time) is not installed: quick mode measures wall and CPU time with bash's time and no peak RSS"
else
  apt_install time
  "$TIME_BIN" --version 2>&1 | grep -q GNU || die "/usr/bin/time is still not GNU time after installing it"
  gnu_time=1
fi

if (( build )); then
  say "building spotcheck (tsc -p tsconfig.json; --no-build to skip)"
  node "$ROOT/node_modules/typescript/bin/tsc" -p "$ROOT/tsconfig.json" >&2 \
    || die "the build failed: fix src/ or measure dist/ as it is with --no-build"
fi
[[ -f "$ROOT/dist/main.js" ]] || die "dist/main.js is missing: build with \`npm run build\`"
spotcheck_version="$("$SPOTCHECK" --version 2>/dev/null)" || die "\`$SPOTCHECK --version\` failed: is the build broken?"

have_duckdb=0; duckdb_version="not measured"
if (( want_duckdb )); then
  rc=0; duckdb_version="$(node "$BENCH_DIR/duckdb-sample.mjs" --version 2>/dev/null)" || rc=$?
  if (( rc == 3 )); then
    if (( quick )); then
      say "skipping DuckDB: @duckdb/node-api is not installed (--quick installs nothing; a run without --quick installs it into bench/.peers)"
      duckdb_version="not installed"
    else
      say "installing @duckdb/node-api into bench/.peers"
      npm install --prefix "$BENCH_DIR/.peers" --no-audit --no-fund --loglevel=error \
        "${SPOTCHECK_BENCH_DUCKDB_SPEC:-@duckdb/node-api}" >&2 \
        || die "npm install --prefix bench/.peers @duckdb/node-api failed"
      rc=0; duckdb_version="$(node "$BENCH_DIR/duckdb-sample.mjs" --version)" || rc=$?
    fi
  fi
  if (( rc == 0 )); then
    have_duckdb=1
  elif (( ! quick )); then
    die "DuckDB does not load (node bench/duckdb-sample.mjs --version exits $rc)"
  elif (( rc != 3 )); then
    say "skipping DuckDB: it does not load (node bench/duckdb-sample.mjs --version exits $rc)"
    duckdb_version="does not load"
  fi
fi

have_miller=0; miller_version="not measured"
if (( want_miller )); then
  if ! command -v mlr >/dev/null; then
    if (( quick )); then
      say "skipping Miller: mlr is not installed (--quick installs nothing; a run without --quick runs apt-get install miller)"
      miller_version="not installed"
    else
      apt_install miller
      command -v mlr >/dev/null || die "mlr is still not on PATH after apt-get install miller"
    fi
  fi
  if command -v mlr >/dev/null; then
    have_miller=1
    miller_version="$(mlr --version 2>&1 | head -n 1)"
  fi
fi

# ---------------------------------------------------------------- run directory
mkdir -p "$data_dir" || die "cannot create the data directory $data_dir"
data_dir="$(cd "$data_dir" && pwd)"
case "$data_dir/" in
  "$ROOT"/*) say "warning: the data directory $data_dir is inside the repository; the registries are large" ;;
esac
run_dir="$data_dir/runs/$(date -u +%Y%m%dT%H%M%SZ)-$$"
mkdir -p "$run_dir/logs"
MEAS="$run_dir/measurements.tsv"
FILES="$run_dir/files.tsv"
META="$run_dir/meta.tsv"
printf 'key\tlayout\thouseholds\ttool\tstatus\texit\twall\tuser\tsys\tmaxrss_kib\toutput\n' >"$MEAS"
printf 'key\tlayout\thouseholds\tpath\tbytes\n' >"$FILES"

partial=""
# shellcheck disable=SC2317  # invoked by the EXIT trap
cleanup() { [[ -z "$partial" ]] || rm -f "$partial"; }
trap cleanup EXIT

git_rev="$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
if [[ -n "$(git -C "$ROOT" status --porcelain -- src 2>/dev/null)" ]]; then git_rev="$git_rev, src/ modified"; fi
{
  printf 'date\t%s\n' "$(date -u)"
  printf 'cores\t%s\n' "$(nproc)"
  printf 'cpu\t%s\n' "$(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | sed 's/^model name[[:space:]]*:[[:space:]]*//' || true)"
  printf 'memory\t%s\n' "$(free -h 2>/dev/null | awk '/^Mem:/ {print $2}' || true)"
  printf 'load\t%s\n' "$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || true)"
  printf 'node\t%s\n' "$(node --version)"
  printf 'spotcheck\t%s (%s)\n' "$spotcheck_version" "$git_rev"
  printf 'duckdb\t%s\n' "$duckdb_version"
  printf 'miller\t%s\n' "$miller_version"
  printf 'timeout\t%s\n' "$timeout_s"
  printf 'command\t%s\n' "$command_line"
  printf 'quick\t%s\n' "$quick"
} >"$META"

say "data: $data_dir · run logs: $run_dir · timeout ${timeout_s}s per command"
load1="$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo 0)"
if awk -v l="$load1" 'BEGIN { exit !(l > 0.5) }'; then
  say "warning: load average is $load1 before the run: other work on this machine will skew the times"
fi

# ---------------------------------------------------------------- measuring
# measure LOG_PREFIX COMMAND…: runs it under timeout and GNU time; sets M_STATUS (ok, timeout,
# failed), M_EXIT, M_WALL, M_USER, M_SYS, M_RSS (KiB, "-" without GNU time).
# Its stdout goes to $M_STDOUT when set, else to LOG_PREFIX.out; its stderr to LOG_PREFIX.err.
measure() {
  local log="$1"; shift
  local tf="$log.time" rc=0
  local out="${M_STDOUT:-$log.out}"
  if (( gnu_time )); then
    "$TIME_BIN" -f '%e %U %S %M' -o "$tf" timeout -k 10 "$timeout_s" "$@" >"$out" 2>"$log.err" || rc=$?
  else
    local TIMEFORMAT='%R %U %S -'
    { time timeout -k 10 "$timeout_s" "$@" >"$out" 2>"$log.err"; } 2>"$tf" || rc=$?
  fi
  M_EXIT=$rc
  read -r M_WALL M_USER M_SYS M_RSS < <(tail -n 1 "$tf" 2>/dev/null || true) || true
  M_WALL="${M_WALL:--}"; M_USER="${M_USER:--}"; M_SYS="${M_SYS:--}"; M_RSS="${M_RSS:--}"
  if (( rc == 0 )); then
    M_STATUS=ok
  elif (( rc == 124 || rc == 137 )); then
    M_STATUS=timeout
    say "  timed out after ${timeout_s}s: $*"
  else
    M_STATUS=failed
    say "  failed (exit $rc): $*"
    sed -n '1,5s/^/    /p' "$log.err" >&2 || true
  fi
}

failures=0
# row KEY LAYOUT HOUSEHOLDS TOOL OUTPUT: appends the last measurement to the table.
row() {
  [[ "$M_STATUS" == failed ]] && failures=$(( failures + 1 ))
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" "$M_STATUS" "$M_EXIT" \
    "$M_WALL" "$M_USER" "$M_SYS" "$M_RSS" "$5" >>"$MEAS"
}
skipped() {
  printf '%s\t%s\t%s\t%s\tskipped\t-\t-\t-\t-\t-\t%s\n' "$1" "$2" "$3" "$4" "$5" >>"$MEAS"
}
data_rows() { # rows of a CSV file without its header, or "?" when it is missing
  if [[ -f "$1" ]]; then echo $(( $(wc -l <"$1") - 1 )); else echo "?"; fi
}
fresh_dir() { mktemp -d "$run_dir/out.XXXXXX"; }
drop_dir() { (( keep_outputs )) || rm -rf "$1"; }

ensure_registry() { # ensure_registry LAYOUT HOUSEHOLDS FILE
  local layout="$1" n="$2" file="$3"
  if [[ -s "$file" ]]; then
    say "reusing $file"
    return
  fi
  say "generating $file ($n households, $layout-level; about 1 s per 100,000 households)"
  partial="$file.partial"
  local start=$SECONDS
  # A province's geography is fixed while its registry grows: about 15,000 villages (Yunnan has
  # 14,771 village-level units), so households per village grow with the registry.
  local per_village=$(( n / 15000 > 20 ? n / 15000 : 20 ))
  timeout 3600 "$SPOTCHECK" generate --out "$partial" --households "$n" --layout "$layout" --seed "$seed" \
    --households-per-village "$per_village" --force >&2 \
    || die "spotcheck generate failed for $file"
  mv -f "$partial" "$file"
  partial=""
  say "  generated in $(( SECONDS - start )) s"
}

cd "$run_dir"  # DuckDB may spill temporary files to the working directory
for n in "${size_list[@]}"; do
  for layout in "${layout_list[@]}"; do
    key="$layout-$n"
    file="$data_dir/registry-$layout-$n-v15k.csv"
    ensure_registry "$layout" "$n" "$file"
    printf '%s\t%s\t%s\t%s\t%s\n' "$key" "$layout" "$n" "$file" "$(stat -c %s "$file")" >>"$FILES"
    if [[ "$layout" == household ]]; then group="village_code"; else group="行政县,乡镇,行政村"; fi

    say "measuring $key: warming the page cache"
    cat "$file" >/dev/null

    say "  wc -l"
    measure "$run_dir/logs/$key.wc" wc -l "$file"
    row "$key" "$layout" "$n" wc "$(awk '{print $1 " lines"}' "$run_dir/logs/$key.wc.out" 2>/dev/null || echo '?')"

    say "  spotcheck monthly"
    out="$(fresh_dir)"
    measure "$run_dir/logs/$key.monthly" "$SPOTCHECK" monthly "$file" --month 2026-11 --seed "$seed" \
      --level province --out "$out" --force
    row "$key" "$layout" "$n" monthly "$(data_rows "$out/households.csv") households"
    drop_dir "$out"

    say "  spotcheck evaluate"
    out="$(fresh_dir)"
    measure "$run_dir/logs/$key.evaluate" "$SPOTCHECK" evaluate "$file" --seed "$seed" --out "$out" --force
    row "$key" "$layout" "$n" evaluate "$(data_rows "$out/frame.csv") households + $(data_rows "$out/spares.csv") spares"
    drop_dir "$out"

    if (( have_duckdb )); then
      say "  DuckDB"
      out="$(fresh_dir)"
      measure "$run_dir/logs/$key.duckdb" node "$BENCH_DIR/duckdb-sample.mjs" "$file" "$out/sample.csv" \
        --seed "$seed" --per-village 10 --layout "$layout"
      row "$key" "$layout" "$n" duckdb "$(data_rows "$out/sample.csv") rows"
      drop_dir "$out"
    elif (( want_duckdb )); then
      skipped "$key" "$layout" "$n" duckdb "not installed"
    fi

    if (( have_miller )); then
      say "  Miller"
      out="$(fresh_dir)"
      M_STDOUT="$out/sample.csv" measure "$run_dir/logs/$key.miller" mlr --icsv --ocsv sample -k 10 -g "$group" "$file"
      row "$key" "$layout" "$n" miller "$(data_rows "$out/sample.csv") rows"
      drop_dir "$out"
    elif (( want_miller )); then
      skipped "$key" "$layout" "$n" miller "not installed"
    fi

    echo
    node "$BENCH_DIR/report.mjs" table --meas "$MEAS" --files "$FILES" --key "$key"
  done
done

echo
record_args=()
(( record )) && record_args=(--record "$RESULTS")
node "$BENCH_DIR/report.mjs" summary --meas "$MEAS" --files "$FILES" --meta "$META" "${record_args[@]}"
say "logs and measurements: $run_dir"
(( record )) && say "appended to bench/RESULTS.md"

if (( failures > 0 )); then
  say "$failures measured command(s) failed: see the logs in $run_dir/logs"
  exit 1
fi
exit 0
