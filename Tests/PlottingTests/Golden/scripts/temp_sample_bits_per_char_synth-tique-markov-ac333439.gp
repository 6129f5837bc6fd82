# temp_sample_bits_per_char_synth-tique-markov-ac333439.gp: sample bits/char under the reference model against sampling temperature on synthétique "markov", one line per model (band: across-seed interval; dashed black: held-out human text).
# Written by seqbench 0.1.0 from summary.csv; experiment fixture_ü 'quoted' · config 0123456789ab · commit abcdef123456.
# Redraw from this folder: gnuplot temp_sample_bits_per_char_synth-tique-markov-ac333439.gp
# Other formats:           gnuplot -e "formats='svg pdf'" temp_sample_bits_per_char_synth-tique-markov-ac333439.gp
set encoding utf8
if (!exists("formats")) formats = 'png svg pdf'

$m1 << EOD
# temperature mean ci_low ci_high
0.0 1.68 1.68 1.68
0.5 1.8383 1.8383 1.8383
0.8 2.5533 2.5533 2.5533
1.0 3.2133 3.2133 3.2133
1.2 4.02 4.02 4.02
EOD

$m2 << EOD
# temperature mean ci_low ci_high
0.0 1.29 1.29 1.29
0.5 1.3135 1.3135 1.3135
0.8 1.8182 1.8182 1.8182
1.0 2.2841 2.2841 2.2841
1.2 2.8535 2.8535 2.8535
EOD

$m3 << EOD
# temperature mean ci_low ci_high
0.0 1.51 1.495 1.525
0.5 1.5767 1.5542 1.5992
0.8 2.1487 2.1217 2.1757
1.0 2.6767 2.6467 2.7067
1.2 3.322 3.289 3.355
EOD

$m4 << EOD
# temperature mean ci_low ci_high
0.0 1.15 1.135 1.165
0.5 1.125 1.1025 1.1475
0.8 1.554 1.527 1.581
1.0 1.95 1.92 1.98
1.2 2.434 2.401 2.467
EOD

$m5 << EOD
# temperature mean ci_low ci_high
0.0 1.08 1.065 1.095
0.5 1.03 1.0075 1.0525
0.8 1.42 1.393 1.447
1.0 1.78 1.75 1.81
1.2 2.22 2.187 2.253
EOD

$m6 << EOD
# temperature mean ci_low ci_high
0.0 1.18 1.165 1.195
0.5 1.1695 1.147 1.192
0.8 1.6211 1.5941 1.6481
1.0 2.0379 2.0079 2.0679
1.2 2.5474 2.5144 2.5804
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
        print sprintf('temp_sample_bits_per_char_synth-tique-markov-ac333439.gp: this gnuplot has no terminal for %s; skipped (install gnuplot-nox, which has cairo)', seqbench_format)
    } else {
        set output 'temp_sample_bits_per_char_synth-tique-markov-ac333439.'.seqbench_format
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
        set title 'sample bits/char under the reference model — synthétique "markov"' font ',13'
        set xlabel 'sampling temperature (0 = greedy)'
        set ylabel 'sample bits/char under the reference model'
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
             1.85 with lines dt 2 lw 2 lc rgb '#000000' title 'human text (held-out)'
        unset output
    }
}
