#!/usr/bin/env bash
# compare.sh NAME TRAIN TEST TOKENIZER ORDER : lmplz+query vs seqbench (train, import lmplz ARPA, export ARPA → query)
set -e
K=${KENLM_BIN:-/tmp/kenlm/build/bin}
SB=${SEQBENCH:-$(pwd)/.build/release/seqbench}
name=$1; train=$2; test=$3; tok=$4; order=$5
mkdir -p ${WORK:-/tmp/kenlm-compare}; cp "$train" "$test" ${WORK:-/tmp/kenlm-compare}/ 2>/dev/null || true; cd ${WORK:-/tmp/kenlm-compare}; train=$(basename "$train"); test=$(basename "$test")
if [ "$tok" = char ]; then
  python3 -c "
import sys
for src,dst in [('$train','$name.ktrain'),('$test','$name.ktest')]:
    with open(dst,'w') as f:
        for line in open(src, newline='\n').read().split('\n')[:-1]:
            f.write(' '.join('_' if c==' ' else c for c in line)+'\n')
"
  ktrain=$name.ktrain; ktest=$name.ktest; extra=--sentence-boundaries
else ktrain=$train; ktest=$test; extra=; fi
/usr/bin/time -f "lmplz %e s %M KB" $K/lmplz -o $order -S 1G --discount_fallback < $ktrain > $name.kenlm.arpa 2> $name.lmplz.log
tail -1 $name.lmplz.log; grep -E "Substituting" $name.lmplz.log || true
$K/query $name.kenlm.arpa < $ktest 2>/dev/null | tail -4 | tr '\n' ' '; echo
$SB ngram bench --train $train --test $test --tokenizer $tok --order $order $extra --sample 1000 --arpa $name.ours.arpa --out $name.ours.model > $name.ours.json
python3 -c "
import json; d=json.load(open('$name.ours.json')); e=d['eval']
print('ours   : ppl %.17g excl %.17g OOVs %d Tokens %d  build %.3fs fell %s' % (e['perplexity'], e['perplexity_excluding_oov'], e['oov_tokens'], e['tokens'], d['build_seconds'], d['notes'].get('discount_fallback_orders')))"
echo -n "query on our ARPA: "; $K/query $name.ours.arpa < $ktest 2>/dev/null | tail -4 | tr '\n' ' '; echo
$SB ngram import-arpa $name.kenlm.arpa --out $name.imported.model --tokenizer $tok
$SB ngram score $name.imported.model --test $test > $name.imported.json
python3 -c "
import json; e=json.load(open('$name.imported.json'))
print('imported lmplz ARPA: ppl %.17g excl %.17g OOVs %d Tokens %d' % (e['perplexity'], e['perplexity_excluding_oov'], e['oov_tokens'], e['tokens']))"
