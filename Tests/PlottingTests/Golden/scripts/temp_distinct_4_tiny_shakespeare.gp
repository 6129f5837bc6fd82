# temp_distinct_4_tiny_shakespeare.gp: distinct-4 (unique 4-grams / tokens) against sampling temperature on tiny_shakespeare, one line per model (band: across-seed interval; dashed black: held-out human text).
# Written by seqbench 0.1.0 from summary.csv; experiment fixture_ü 'quoted' · config 0123456789ab · commit abcdef123456.
# Redraw from this folder: gnuplot temp_distinct_4_tiny_shakespeare.gp
# Other formats:           gnuplot -e "formats='svg pdf'" temp_distinct_4_tiny_shakespeare.gp
set encoding utf8
if (!exists("formats")) formats = 'png svg pdf'

$m1 << EOD
# temperature mean ci_low ci_high
0.0 0.1 0.1 0.1
0.5 0.3562 0.3562 0.3562
0.8 0.4575 0.4575 0.4575
1.0 0.525 0.525 0.525
1.2 0.5925 0.5925 0.5925
EOD

$m2 << EOD
# temperature mean ci_low ci_high
0.0 0.1156 0.1156 0.1156
0.5 0.5047 0.5047 0.5047
0.8 0.6481 0.6481 0.6481
1.0 0.7437 0.7437 0.7437
1.2 0.8394 0.8394 0.8394
EOD

$m3 << EOD
# temperature mean ci_low ci_high
0.0 0.1094 0.0944 0.1244
0.5 0.4453 0.4228 0.4678
0.8 0.5719 0.5449 0.5989
1.0 0.6562 0.6262 0.6862
1.2 0.7406 0.7076 0.7736
EOD

$m4 << EOD
# temperature mean ci_low ci_high
0.0 0.125 0.11 0.14
0.5 0.5938 0.5713 0.6163
0.8 0.7625 0.7355 0.7895
1.0 0.875 0.845 0.905
1.2 0.9875 0.9545 1.0205
EOD

$m5 << EOD
# temperature mean ci_low ci_high
0.0 0.1313 0.1163 0.1463
0.5 0.6531 0.6306 0.6756
0.8 0.8388 0.8118 0.8658
1.0 0.9625 0.9325 0.9925
1.2 0.99 0.957 1.023
EOD

$m6 << EOD
# temperature mean ci_low ci_high
0.0 0.1219 0.1069 0.1369
0.5 0.5641 0.5416 0.5866
0.8 0.7244 0.6974 0.7514
1.0 0.8312 0.8012 0.8612
1.2 0.9381 0.9051 0.9711
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
        print sprintf('temp_distinct_4_tiny_shakespeare.gp: this gnuplot has no terminal for %s; skipped (install gnuplot-nox, which has cairo)', seqbench_format)
    } else {
        set output 'temp_distinct_4_tiny_shakespeare.'.seqbench_format
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
        set title 'distinct-4 (unique 4-grams / tokens) — tiny_shakespeare' font ',13'
        set xlabel 'sampling temperature (0 = greedy)'
        set ylabel 'distinct-4 (unique 4-grams / tokens)'
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
             0.83 with lines dt 2 lw 2 lc rgb '#000000' title 'human text (held-out)'
        unset output
    }
}
