#!/usr/bin/env bash
# Compare seqbench's RNN / LSTM / GRU (Swift, OpenBLAS) with PyTorch on the CPU, in one sitting,
# same threads, same sizes, both sides started with OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE unset
# (bench/README.md); the Swift side then sets OPENBLAS_CORETYPE itself where OpenBLAS does not know
# the CPU, as seqbench does (Neural's OpenBLASCore), and records the kernels it ran (`blas_core`). Prints a table of ratios (seqbench ÷ PyTorch); raw JSON lines go to $OUT.
#
#   Benchmarks/neural-vs-pytorch.sh                 # speed: small, medium, large configs
#   MODE=quality STEPS=2000 MODELS=lstm Benchmarks/neural-vs-pytorch.sh   # valid bpc after STEPS
#
# Environment: SHARED (default ../shared or /work/shared), VENV (PyTorch venv, default
# ~/.cache/seqbench-torch, created with bench/setup_pytorch.sh), THREADS (2), MODE (speed|quality|all),
# MODELS ("rnn lstm gru"), CONFIGS ("small medium large"), STEPS / WARMUP (timed / untimed steps),
# REPEAT (speed pairs per model and config, run alternately; the table shows medians and the range
# of the per-pair ratios), OUT (results file). Release build only; never run from tests.
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=${SHARED:-$( [ -d ../shared ] && echo ../shared || echo /work/shared )}
VENV=${VENV:-$HOME/.cache/seqbench-torch}
THREADS=${THREADS:-2}
MODE=${MODE:-speed}
REPEAT=${REPEAT:-1}
MODELS=${MODELS:-"rnn lstm gru"}
CONFIGS=${CONFIGS:-"small medium large"}
DATA=${DATA:-$SHARED/corpora/tinyshakespeare.txt}
OUT=${OUT:-Benchmarks/results/neural-vs-pytorch-$(date -u +%Y%m%dT%H%M%SZ).jsonl}
mkdir -p "$(dirname "$OUT")"

[ -x "$VENV/bin/python" ] || bash "$SHARED/bench/setup_pytorch.sh" "$VENV"
swift build -c release --product seqbench-neural-bench >&2
BENCH=$(swift build -c release --show-bin-path)/seqbench-neural-bench
RUN=(env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OPENBLAS_NUM_THREADS="$THREADS")

echo "# $(date -u) load: $(cut -d' ' -f1-3 /proc/loadavg) threads: $THREADS" >&2
python3 -c 'import json, re
t = open("/proc/cpuinfo").read()
g = lambda k: re.search(r"^" + k + r"\s*: (.*)$", t, re.M).group(1)
print(json.dumps({"side": "machine", "cpu": g("model name"), "family": int(g("cpu family")), "model": int(g("model"))}))' | tee -a "$OUT"
"${RUN[@]}" "$BENCH" --sgemm-ceiling --threads "$THREADS" | sed "s/^{/{\"side\":\"sgemm\",/" | tee -a "$OUT"

config_args() {  # name -> flags shared by both sides
  case $1 in
    small)  echo "--layers 1 --emb 64 --hidden 128 --seq 64 --batch 32" ;;
    medium) echo "--layers 2 --emb 64 --hidden 256 --seq 100 --batch 32" ;;
    large)  echo "--layers 2 --emb 128 --hidden 512 --seq 100 --batch 32" ;;
  esac
}

run_pair() {  # model config extra-flags...
  local model=$1 cfg=$2; shift 2
  local args; args="--model $model $(config_args "$cfg") --threads $THREADS --data $DATA $*"
  echo "# $model $cfg: $args (load $(cut -d' ' -f1 /proc/loadavg))" >&2
  "${RUN[@]}" "$BENCH" $args 2>/dev/null | sed "s/^{/{\"side\":\"seqbench\",\"name\":\"$model.$cfg\",/" | tee -a "$OUT" | cut -c1-160 >&2
  "${RUN[@]}" "$VENV/bin/python" "$SHARED/bench/pytorch_charlm.py" $args 2>/dev/null \
    | sed "s/^{/{\"side\":\"pytorch\",\"name\":\"$model.$cfg\",/" | tee -a "$OUT" | cut -c1-160 >&2
}

if [ "$MODE" = speed ] || [ "$MODE" = all ]; then
  for cfg in $CONFIGS; do
    for m in $MODELS; do
      for _ in $(seq "$REPEAT"); do
        run_pair "$m" "$cfg" --warmup "${WARMUP:-5}" --steps "${STEPS:-30}" --no-eval --sample-chars "${SAMPLE:-1000}"
      done
    done
  done
fi
# The ceiling again at the end: the machine's speed drifts over a long run, and the table uses
# the better of the two.
"${RUN[@]}" "$BENCH" --sgemm-ceiling --threads "$THREADS" | sed "s/^{/{\"side\":\"sgemm\",/" >> "$OUT"
if [ "$MODE" = quality ] || [ "$MODE" = all ]; then
  for m in $MODELS; do
    run_pair "$m" medium --warmup 0 --steps "${STEPS:-2000}" --eval-every "${EVAL_EVERY:-500}" --lr 2e-3 --clip 5 --sample-chars 300
  done
fi

python3 - "$OUT" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.startswith("{")]
sg = [r for r in rows if r.get("side") == "sgemm"]
ceiling = max((r.get("square_2048", 0) for r in sg), default=float("nan"))
by = {}
for r in rows:
    if r.get("side") in ("seqbench", "pytorch"):
        by.setdefault(r["name"], {}).setdefault(r["side"], []).append(r)
def f(x): return float(x) if x is not None else float("nan")
def median(xs):
    xs = sorted(x for x in xs if x == x)
    if not xs: return float("nan")
    n = len(xs)
    return xs[n // 2] if n % 2 else (xs[n // 2 - 1] + xs[n // 2]) / 2
for r in rows:
    if r.get("side") == "machine": print(f"cpu: {r['cpu']} (family {r['family']} model {r['model']})")
cores = sorted({r.get("blas_core", "?") for r in sg})
print(f"sgemm ceiling (2048^3, same OpenBLAS, {'/'.join(cores)} kernels, best of the start and the end of the run): {ceiling:.1f} GFLOP/s")
print("medians over the pairs; ratio = median of per-pair ratios [min, max] (seqbench / PyTorch, run one after the other)")
print(f"{'name':<14}{'n':>3}{'swift tok/s':>12}{'torch tok/s':>12}{'ratio':>7}{'range':>13}{'swift GF/s':>11}{'%ceil':>7}"
      f"{'swift smp/s':>12}{'torch smp/s':>12}{'ratio':>7}{'range':>13}{'swift bpc':>10}{'torch bpc':>10}{'load':>6}")
for name, d in by.items():
    S, T = d.get("seqbench", []), d.get("pytorch", [])
    pairs = list(zip(S, T))
    col = lambda rs, k: [f(r.get(k)) for r in rs]
    tr = [f(s.get("train_tokens_per_s")) / f(t.get("train_tokens_per_s")) for s, t in pairs]
    sr = [f(s.get("sample_tokens_per_s")) / f(t.get("sample_tokens_per_s")) for s, t in pairs]
    rng = lambda xs, d=2: f"[{min(xs):.{d}f}, {max(xs):.{d}f}]" if xs and all(x == x for x in xs) else "[nan]"
    gf = median(col(S, "train_gflops"))
    print(f"{name:<14}{len(pairs):>3}{median(col(S, 'train_tokens_per_s')):>12.0f}{median(col(T, 'train_tokens_per_s')):>12.0f}"
          f"{median(tr):>7.2f}{rng(tr):>13}{gf:>11.1f}{100 * gf / ceiling:>7.1f}"
          f"{median(col(S, 'sample_tokens_per_s')):>12.0f}{median(col(T, 'sample_tokens_per_s')):>12.0f}{median(sr):>7.1f}{rng(sr, 1):>13}"
          f"{median(col(S, 'valid_bpc')):>10.4f}{median(col(T, 'valid_bpc')):>10.4f}{median(col(T, 'others_cpu_frac_train')):>6.2f}")
PY
