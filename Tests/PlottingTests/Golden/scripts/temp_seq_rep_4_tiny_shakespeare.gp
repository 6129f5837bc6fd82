# temp_seq_rep_4_tiny_shakespeare.gp: seq-rep-4 (share of repeated 4-grams) against sampling temperature on tiny_shakespeare, one line per model (band: across-seed interval; dashed black: held-out human text).
# Written by seqbench 0.1.0 from summary.csv; experiment fixture_ü 'quoted' · config 0123456789ab · commit abcdef123456.
# Redraw from this folder: gnuplot temp_seq_rep_4_tiny_shakespeare.gp
# Other formats:           gnuplot -e "formats='svg pdf'" temp_seq_rep_4_tiny_shakespeare.gp
set encoding utf8
if (!exists("formats")) formats = 'png svg pdf'

$m1 << EOD
# temperature mean ci_low ci_high
0.0 0.63 0.63 0.63
0.5 0.3167 0.3167 0.3167
0.8 0.2067 0.2067 0.2067
1.0 0.1333 0.1333 0.1333
1.2 0.06 0.06 0.06
EOD

$m2 << EOD
# temperature mean ci_low ci_high
0.0 0.58 0.58 0.58
0.5 0.2235 0.2235 0.2235
0.8 0.1459 0.1459 0.1459
1.0 0.0941 0.0941 0.0941
1.2 0.0424 0.0424 0.0424
EOD

$m3 << EOD
# temperature mean ci_low ci_high
0.0 0.6 0.585 0.615
0.5 0.2533 0.2308 0.2758
0.8 0.1653 0.1383 0.1923
1.0 0.1067 0.0767 0.1367
1.2 0.048 0.015 0.081
EOD

$m4 << EOD
# temperature mean ci_low ci_high
0.0 0.55 0.535 0.565
0.5 0.19 0.1675 0.2125
0.8 0.124 0.097 0.151
1.0 0.08 0.05 0.11
1.2 0.036 0.003 0.069
EOD

$m5 << EOD
# temperature mean ci_low ci_high
0.0 0.53 0.515 0.545
0.5 0.1727 0.1502 0.1952
0.8 0.1127 0.0857 0.1397
1.0 0.0727 0.0427 0.1027
1.2 0.0327 -0.0003 0.0657
EOD

$m6 << EOD
# temperature mean ci_low ci_high
0.0 0.56 0.545 0.575
0.5 0.2 0.1775 0.2225
0.8 0.1305 0.1035 0.1575
1.0 0.0842 0.0542 0.1142
1.2 0.0379 0.0049 0.0709
EOD

# The terminals to choose from; tests pretend to lack cairo with -e "seqbench_terminals=' svg png '".
if (!exists("seqbench_terminals")) seqbench_terminals = ' '.GPVAL_TERMINALS.' '
do for [seqbench_i = 1:words(formats)] {
    seqbench_format = word(formats, seqbench_i)
    seqbench_ok = 1
    if (seqbench_format eq 'png') {
        if (strstrt(seqbench_terminals, ' pngcairo ') > 0) {
            set terminal pngcairo noenhanced size 1081,560 font 'Sans,11'
        } else {
            if (strstrt(seqbench_terminals, ' png ') > 0) {
                set terminal png noenhanced size 1081,560
            } else {
                seqbench_ok = 0
            }
        }
    } else {
        if (seqbench_format eq 'svg') {
            set terminal svg noenhanced size 1081,560 dynamic font 'Sans,11' background '#ffffff'
        } else {
            if (seqbench_format eq 'pdf') {
                if (strstrt(seqbench_terminals, ' pdfcairo ') > 0) {
                    set terminal pdfcairo noenhanced size 9.01in,4.67in font 'Sans,11'
                } else {
                    if (strstrt(seqbench_terminals, ' pdf ') > 0) {
                        set terminal pdf noenhanced size 9.01in,4.67in
                    } else {
                        seqbench_ok = 0
                    }
                }
            } else {
                seqbench_ok = 0
            }
        }
    }
    if (!seqbench_ok) {
        print sprintf('temp_seq_rep_4_tiny_shakespeare.gp: this gnuplot has no terminal for %s; skipped (install gnuplot-nox, which has cairo)', seqbench_format)
    } else {
        set output 'temp_seq_rep_4_tiny_shakespeare.'.seqbench_format
        reset
        set encoding utf8
        set datafile missing 'NaN'
        set linetype 5 lc rgb '#7F7F7F' lw 2 pt 13 ps 1.3 dt 1
        set linetype 1 lc rgb '#0072B2' lw 2 pt 7 ps 1.3 dt 1
        set linetype 2 lc rgb '#E69F00' lw 2 pt 5 ps 1.3 dt 1
        set linetype 3 lc rgb '#009E73' lw 2 pt 9 ps 1.3 dt 1
        set linetype 4 lc rgb '#CC79A7' lw 2 pt 11 ps 1.3 dt 1
        set linetype 6 lc rgb '#000000' lw 2 pt 3 ps 1.3 dt 1
        set linetype 7 lc rgb '#D55E00' lw 2 pt 15 ps 1.3 dt 1
        set border lw 1
        set grid lc rgb '#dddddd' lw 1
        set label 999 'experiment fixture_ü ''quoted'' · config 0123456789ab · commit abcdef123456' at screen 0.005, screen 1 left offset 0,-0.7 font ',8' tc rgb '#888888'
        set title 'seq-rep-4 (share of repeated 4-grams) — tiny_shakespeare' font ',13'
        set xlabel 'sampling temperature (0 = greedy)'
        set ylabel 'seq-rep-4 (share of repeated 4-grams)'
        set xrange [-0.036:1.236]
        set autoscale yfix
        set offsets 0, 0, graph 0.08, graph 0.08
        set key outside right top vertical Left reverse samplen 3 spacing 1.2
        set xtics nomirror
        set ytics nomirror
        plot $m1 using 1:3:4 with filledcurves fs transparent solid 0.15 noborder lc rgb '#0072B2' notitle, \
             $m2 using 1:3:4 with filledcurves fs transparent solid 0.15 noborder lc rgb '#0072B2' notitle, \
             $m3 using 1:3:4 with filledcurves fs transparent solid 0.15 noborder lc rgb '#E69F00' notitle, \
             $m4 using 1:3:4 with filledcurves fs transparent solid 0.15 noborder lc rgb '#009E73' notitle, \
             $m5 using 1:3:4 with filledcurves fs transparent solid 0.15 noborder lc rgb '#009E73' notitle, \
             $m6 using 1:3:4 with filledcurves fs transparent solid 0.15 noborder lc rgb '#CC79A7' notitle, \
             $m1 using 1:2 with linespoints lt 1 dt 1 pt 7 lc rgb '#80B9D9' title 'ngram o=3 modified-kneser-ney', \
             $m2 using 1:2 with linespoints lt 1 dt 2 pt 6 lc rgb '#004A74' title 'ngram o=5 modified-kneser-ney', \
             $m3 using 1:2 with linespoints lt 2 dt 1 pt 5 title 'rnn 1x64', \
             $m4 using 1:2 with linespoints lt 3 dt 1 pt 9 lc rgb '#80CFB9' title 'lstm 1x128', \
             $m5 using 1:2 with linespoints lt 3 dt 2 pt 8 lc rgb '#00674B' title 'lstm "big" 2x64_ü', \
             $m6 using 1:2 with linespoints lt 4 dt 1 pt 11 title 'gru 1x128', \
             0.012 with lines dt 2 lw 2 lc rgb '#000000' title 'human text (held-out)'
        unset output
    }
}
