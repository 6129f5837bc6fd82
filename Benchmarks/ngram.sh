#!/usr/bin/env bash
# n-gram benchmark: build time, peak memory, scoring and sampling speed (release build, one core).
#
#   bash Benchmarks/ngram.sh [OUTDIR]
#
# Corpora: ../shared/corpora/tinyshakespeare.txt (if present) and the King James Bible from Debian's
# bible-kjv package (`bible -l100000 Ge1:1-Re22:21`, 4.3 MB), each split 90/10 by lines.
# Models: word order 5 and char order 7 (--sentence-boundaries, KenLM's view), modified Kneser-Ney.
# Prints one line per build: corpus, model, build seconds, peak RSS (MB, /usr/bin/time -v, whole process:
# reading, vocabulary, build and scoring), scoring tokens/s, perplexity; then one line per sampling
# setting: tokens/s through `Generator` (the exact chain sampler), through the shared full-distribution
# route (O(|V|) per token), their ratio, and the sampling process's peak RSS.
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

printf '%-16s %-8s %8s %8s %12s %10s\n' corpus model build_s rss_MB score_tok/s perplexity
for c in "${corpora[@]}"; do
  for spec in "word 5" "char 7"; do
    set -- $spec
    extra=(); [ "$1" = char ] && extra=(--sentence-boundaries)
    /usr/bin/time -v "$BIN" ngram bench --train "$OUT/$c.train" --test "$OUT/$c.test" --tokenizer "$1" --order "$2" \
      --smoothing modified-kneser-ney "${extra[@]}" --sample 0 > "$OUT/$c.$1$2.json" 2> "$OUT/$c.$1$2.time"
    python3 - "$OUT/$c.$1$2.json" "$OUT/$c.$1$2.time" "$c" "$1 o$2" <<'PY'
import json, re, sys
d = json.load(open(sys.argv[1])); t = open(sys.argv[2]).read()
rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", t).group(1)) / 1024
print("%-16s %-8s %8.3f %8.0f %12.0f %10.4f" % (sys.argv[3], sys.argv[4], d["build_seconds"], rss,
      d["score_tokens_per_second"], d["eval"]["perplexity"]))
PY
  done
done

# Sampling: 1M tokens through `Generator` (the exact chain sampler for these options) against the
# shared full-distribution route (`--dense`, all |V| log-probabilities then `Sampler`) on fewer tokens.
# Peak RSS is the whole sampling process (model build included, sampler tables added).
echo
printf '%-16s %-8s %-26s %12s %12s %8s %8s\n' corpus model options chain_tok/s dense_tok/s ratio rss_MB
for c in "${corpora[@]}"; do
  for spec in "word 5" "char 7"; do
    set -- $spec
    for opts in "--temperature 1" "--temperature 0.5" "--temperature 0.8" "--temperature 1.2" "--temperature 2" \
                "--temperature 0" "--temperature 0.8 --top-k 40" "--temperature 1 --top-p 0.9" "--temperature 0.8 --observed-only"; do
      n=${SAMPLE:-1000000}; case $opts in *top-p*) n=${SAMPLE_TOP_P:-50000} ;; esac  # nucleus-bound: see README
      /usr/bin/time -v "$BIN" ngram bench --train "$OUT/$c.train" --test "$OUT/$c.test" --tokenizer "$1" --order "$2" \
        --smoothing modified-kneser-ney --sample "$n" --dense "${DENSE:-3000}" $opts > "$OUT/sample.json" 2> "$OUT/sample.time"
      python3 - "$OUT/sample.json" "$OUT/sample.time" "$c" "$1 o$2" "$opts" <<'PY'
import json, re, sys
d = json.load(open(sys.argv[1])); t = open(sys.argv[2]).read()
rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", t).group(1)) / 1024
a, b = d["sample_tokens_per_second"], d["dense_route"]["tokens_per_second"]
print("%-16s %-8s %-26s %12.0f %12.0f %8.0f %8.0f" % (sys.argv[3], sys.argv[4], sys.argv[5].replace("--", ""), a, b, a / b, rss))
PY
    done
  done
done
