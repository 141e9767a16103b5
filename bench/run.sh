#!/usr/bin/env bash
# Whole-build benchmark: helpgen against Hugo on the real corpus and on synthetic corpora.
# See bench/README.md. Run from anywhere; everything it writes goes under target/bench/.
#
#   bench/run.sh                 full run: real corpus, synthetic 10k and 50k, 5 runs each
#   bench/run.sh --smoke         CI smoke test: nl only, 1 run, no Hugo, no 50k, no targets
#   bench/run.sh --runs 3 --sizes 10000,20000 --no-hugo
set -euo pipefail

usage() {
  cat <<'EOF'
Usage: bench/run.sh [--smoke] [--runs N] [--noop-runs N] [--sizes N,N] [--corpus DIR]
                    [--no-hugo] [--no-real] [--out DIR] [--keep-output]

  --smoke        quick check for CI: the real corpus in nl only, a 500-page synthetic corpus,
                 1 run, no Hugo, no timing targets (well under a minute after the build)
  --runs N       cold builds per tool and corpus (default 5; env BENCH_RUNS)
  --noop-runs N  helpgen no-op rebuilds per corpus (default: --runs; 0 for none)
  --sizes LIST   synthetic corpus sizes in pages across all languages
                 (default 10000,50000; env BENCH_SIZES; empty for none)
  --corpus DIR   the real DocFX corpus (default ../shared/corpus/superoffice-docs from the
                 repo root; env HELPGEN_CORPUS)
  --no-hugo      helpgen only
  --no-real      skip the real corpus
  --out DIR      where the builds write (default target/bench/out; env BENCH_OUT), e.g. a
                 tmpfs to take the disk out of the numbers
  --keep-output  leave the last outputs in target/bench/out

Environment: HELPGEN_BIN (use this binary instead of `cargo build --release`),
BENCH_DIR (work folder, default target/bench), BENCH_SEED (synthetic seed, default 7).
Exit status: 0 when every build succeeded (helpgen exit 0 or 1, Hugo exit 0), 1 otherwise,
2 on usage or setup errors.
EOF
}

die() { echo "bench/run.sh: $*" >&2; exit 2; }

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

smoke=0
runs=${BENCH_RUNS:-5}
noop_runs=""
out_dir=${BENCH_OUT:-}
sizes=${BENCH_SIZES-10000,50000}
corpus=${HELPGEN_CORPUS:-../shared/corpus/superoffice-docs}
hugo=1
real=1
keep=()
real_langs=""
while [ $# -gt 0 ]; do
  case "$1" in
    --smoke) smoke=1 ;;
    --runs) [ $# -ge 2 ] || die "--runs needs a number"; runs=$2; shift ;;
    --noop-runs) [ $# -ge 2 ] || die "--noop-runs needs a number"; noop_runs=$2; shift ;;
    --out) [ $# -ge 2 ] || die "--out needs a folder"; out_dir=$2; shift ;;
    --sizes) [ $# -ge 2 ] || die "--sizes needs a list"; sizes=$2; shift ;;
    --corpus) [ $# -ge 2 ] || die "--corpus needs a folder"; corpus=$2; shift ;;
    --no-hugo) hugo=0 ;;
    --no-real) real=0 ;;
    --keep-output) keep=(--keep-output) ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; die "unknown argument: $1" ;;
  esac
  shift
done
if [ "$smoke" = 1 ]; then
  runs=1
  noop_runs=1
  sizes=500
  hugo=0
  real_langs=nl
fi
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || die "--runs must be a positive number, not '$runs'"
noop_runs=${noop_runs:-$runs}
[[ "$noop_runs" =~ ^[0-9]+$ ]] || die "--noop-runs must be a number, not '$noop_runs'"
[[ "$sizes" =~ ^([0-9]+(,[0-9]+)*)?$ ]] || die "--sizes must be numbers separated by commas, not '$sizes'"

work=${BENCH_DIR:-target/bench}
mkdir -p "$work"
work=$(cd "$work" && pwd)

step() { printf '\n=== %s (%s)\n' "$1" "$(date +%T)" >&2; }

# --- tools -------------------------------------------------------------------------------
command -v python3 >/dev/null || die "python3 is required (apt-get install -y python3)"
[ -x /usr/bin/time ] || die "/usr/bin/time is required for peak memory (apt-get install -y time)"
hugo_bin=""
if [ "$hugo" = 1 ]; then
  hugo_bin=$(command -v hugo || true)
  [ -n "$hugo_bin" ] || die "hugo is required for the comparison (apt-get install -y hugo), or pass --no-hugo"
fi

step "helpgen release build"
if [ -n "${HELPGEN_BIN:-}" ]; then
  bin=$HELPGEN_BIN
  [ -x "$bin" ] || die "HELPGEN_BIN=$bin is not an executable"
else
  command -v cargo >/dev/null || die "cargo is required to build helpgen (or set HELPGEN_BIN)"
  cargo build --release --bin helpgen >&2
  bin=$root/target/release/helpgen
fi
"$bin" --version >&2

# --- corpora -----------------------------------------------------------------------------
specs=()
if [ "$real" = 1 ]; then
  if [ -d "$corpus" ]; then
    spec="real=$corpus"
    if [ "$hugo" = 1 ] || [ "$smoke" = 1 ]; then
      # The smoke test converts too (without running Hugo), so CI exercises the converter.
      step "Hugo conversion of the real corpus"
      lang_arg=()
      [ -n "$real_langs" ] && lang_arg=(--lang "$real_langs")
      python3 bench/hugo-convert.py "${lang_arg[@]}" "$corpus" "$work/hugo/real" >&2
      [ "$hugo" = 1 ] && spec="$spec@$work/hugo/real"
    fi
    [ -n "$real_langs" ] && spec="$spec:$real_langs"
    specs+=("$spec")
  elif [ "${HELPGEN_REQUIRE_SHARED:-}" = 1 ]; then
    die "the real corpus is not at $corpus (HELPGEN_REQUIRE_SHARED=1)"
  else
    echo "bench/run.sh: no real corpus at $corpus; skipping it (pass --corpus DIR)" >&2
  fi
fi

seed=${BENCH_SEED:-7}
IFS=',' read -r -a size_list <<< "$sizes"
for n in "${size_list[@]}"; do
  [ -n "$n" ] || continue
  name="synth-$((n / 1000))k"
  [ "$n" -lt 1000 ] && name="synth-$n"
  dir="$work/corpus/$name"
  want="pages=$n languages=en,nl,de,da,sv stub_share=0.1 seed=$seed"
  # Reuse a corpus generated with the same parameters (and the same generator).
  stamp="$want gen=$(cksum < bench/gen-corpus.py | cut -d' ' -f1)"
  if [ -f "$dir/.stamp" ] && [ "$(cat "$dir/.stamp")" = "$stamp" ]; then
    echo "bench/run.sh: reusing $dir" >&2
  else
    step "generate $name ($n pages)"
    python3 bench/gen-corpus.py --pages "$n" --seed "$seed" --out "$dir" >&2
    echo "$stamp" > "$dir/.stamp"
  fi
  spec="$name=$dir"
  if [ "$hugo" = 1 ] || [ "$smoke" = 1 ]; then
    step "Hugo conversion of $name"
    python3 bench/hugo-convert.py "$dir" "$work/hugo/$name" >&2
    [ "$hugo" = 1 ] && spec="$spec@$work/hugo/$name"
  fi
  specs+=("$spec")
done
[ ${#specs[@]} -gt 0 ] || die "nothing to measure (no real corpus and no synthetic sizes)"

# --- measure -----------------------------------------------------------------------------
step "measure (${runs} run(s) per tool and corpus)"
corpus_args=(--noop-runs "$noop_runs")
[ -n "$out_dir" ] && corpus_args+=(--out "$out_dir")
for s in "${specs[@]}"; do corpus_args+=(--corpus "$s"); done
set +e
python3 bench/measure.py --dir "$work" --helpgen "$bin" --hugo "$hugo_bin" --runs "$runs" \
  "${keep[@]}" "${corpus_args[@]}" | tee "$work/results.md"
status=${PIPESTATUS[0]}
set -e
echo "bench/run.sh: tables in $work/results.md, samples in $work/results.json" >&2
exit "$status"
