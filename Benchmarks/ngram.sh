#!/usr/bin/env bash
# n-gram benchmark: build time, peak memory, scoring and sampling speed (release build, one core).
#
#   bash Benchmarks/ngram.sh [OUTDIR]
#
# Corpora: ../shared/corpora/tinyshakespeare.txt (if present) and the King James Bible from Debian's
# bible-kjv package (`bible -l100000 Ge1:1-Re22:21`, 4.3 MB), each split 90/10 by lines.
# Models: word order 5 and char order 7 (--sentence-boundaries, KenLM's view), modified Kneser-Ney.
# Prints one line per run: corpus, model, build seconds, peak RSS (MB, /usr/bin/time -v, whole process:
# reading, vocabulary, build, scoring and 20k shared-route samples), scoring tokens/s, sampling tokens/s through
# the shared Generator/Sampler (T = 1; O(|V|) per token), through ChainSampler (T = 1, and observed-only), perplexity.
# KenLM reference on the same machine (lmplz -S 1G): tinyshakespeare word o5 0.36 s / 211 MB,
# kjv word o5 0.81 s / 223 MB, kjv char o7 0.83 s / 193 MB.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${1:-/tmp/seqbench-ngram-bench}
mkdir -p "$OUT"
swift build -c release --product seqbench >/dev/null
BIN=$(swift build -c release --show-bin-path)/seqbench

split() {  # split FILE PREFIX: first 90% of lines to PREFIX.train, the rest to PREFIX.test
  local n; n=$(wc -l < "$1"); local k=$(( n * 9 / 10 ))
  head -n "$k" "$1" > "$2.train"; tail -n +"$((k + 1))" "$1" > "$2.test"
}
corpora=()
SHARED=../shared; [ -d "$SHARED" ] || SHARED=../../shared
if [ -f "$SHARED/corpora/tinyshakespeare.txt" ]; then split "$SHARED/corpora/tinyshakespeare.txt" "$OUT/tinyshakespeare"; corpora+=(tinyshakespeare); fi
if command -v bible >/dev/null; then bible -l100000 "Ge1:1-Re22:21" > "$OUT/kjv.txt"; split "$OUT/kjv.txt" "$OUT/kjv"; corpora+=(kjv); fi

printf '%-16s %-12s %8s %8s %12s %12s %12s %12s %10s\n' corpus model build_s rss_MB score_tok/s shared_tok/s chain_tok/s chainobs_tok/s perplexity
for c in "${corpora[@]}"; do
  for spec in "word 5" "char 7"; do
    set -- $spec
    extra=(); [ "$1" = char ] && extra=(--sentence-boundaries)
    /usr/bin/time -v "$BIN" ngram bench --train "$OUT/$c.train" --test "$OUT/$c.test" --tokenizer "$1" --order "$2" \
      --smoothing modified-kneser-ney "${extra[@]}" --sample 20000 --chain-sampler --chain-sample 2000000 > "$OUT/$c.$1$2.json" 2> "$OUT/$c.$1$2.time"
    "$BIN" ngram bench --train "$OUT/$c.train" --test "$OUT/$c.test" --tokenizer "$1" --order "$2" \
      --smoothing modified-kneser-ney "${extra[@]}" --sample 0 --chain-sampler --chain-sample 2000000 --observed-only > "$OUT/$c.$1$2.obs.json"
    python3 - "$OUT/$c.$1$2.json" "$OUT/$c.$1$2.time" "$c" "$1 o$2" "$OUT/$c.$1$2.obs.json" <<'PY'
import json, re, sys
d = json.load(open(sys.argv[1])); t = open(sys.argv[2]).read(); o = json.load(open(sys.argv[5]))
rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", t).group(1)) / 1024
print("%-16s %-12s %8.3f %8.0f %12.0f %12.0f %12.0f %12.0f %10.4f" % (sys.argv[3], sys.argv[4], d["build_seconds"], rss,
      d["score_tokens_per_second"], d["sample_tokens_per_second"], d["chain_sampler"]["tokens_per_second"],
      o["chain_sampler"]["tokens_per_second"], d["eval"]["perplexity"]))
PY
  done
done
