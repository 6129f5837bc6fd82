# temp_loop_fraction_synth-tique-markov-ac333439.gp: loop fraction (share of samples ending in a loop) against sampling temperature on synthétique "markov", one line per model (band: across-seed interval; dashed black: held-out human text).
# Written by seqbench 0.1.0 from summary.csv; experiment fixture_ü 'quoted' · config 0123456789ab · commit abcdef123456.
# Redraw from this folder: gnuplot temp_loop_fraction_synth-tique-markov-ac333439.gp
# Other formats:           gnuplot -e "formats='svg pdf'" temp_loop_fraction_synth-tique-markov-ac333439.gp
set encoding utf8
if (!exists("formats")) formats = 'png svg pdf'

$m1 << EOD
# temperature mean ci_low ci_high
0.0 1.0 1.0 1.0
0.5 0.4167 0.4167 0.4167
0.8 0.2167 0.2167 0.2167
1.0 0.0833 0.0833 0.0833
1.2 0.0 0.0 0.0
EOD

$m2 << EOD
# temperature mean ci_low ci_high
0.0 1.0 1.0 1.0
0.5 0.2941 0.2941 0.2941
0.8 0.1529 0.1529 0.1529
1.0 0.0588 0.0588 0.0588
1.2 0.0 0.0 0.0
EOD

$m3 << EOD
# temperature mean ci_low ci_high
0.0 1.0 0.985 1.015
0.5 0.3333 0.3108 0.3558
0.8 0.1733 0.1463 0.2003
1.0 0.0667 0.0367 0.0967
1.2 0.0 -0.033 0.033
EOD

$m4 << EOD
# temperature mean ci_low ci_high
0.0 0.8 0.785 0.815
0.5 0.25 0.2275 0.2725
0.8 0.13 0.103 0.157
1.0 0.05 0.02 0.08
1.2 0.0 -0.033 0.033
EOD

$m5 << EOD
# temperature mean ci_low ci_high
0.0 0.8 0.785 0.815
0.5 0.2273 0.2048 0.2498
0.8 0.1182 0.0912 0.1452
1.0 0.0455 0.0155 0.0755
1.2 0.0 -0.033 0.033
EOD

$m6 << EOD
# temperature mean ci_low ci_high
0.0 0.8 0.785 0.815
0.5 0.2632 0.2407 0.2857
0.8 0.1368 0.1098 0.1638
1.0 0.0526 0.0226 0.0826
1.2 0.0 -0.033 0.033
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
        print sprintf('temp_loop_fraction_synth-tique-markov-ac333439.gp: this gnuplot has no terminal for %s; skipped (install gnuplot-nox, which has cairo)', seqbench_format)
    } else {
        set output 'temp_loop_fraction_synth-tique-markov-ac333439.'.seqbench_format
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
        set title 'loop fraction (share of samples ending in a loop) — synthétique "markov"' font ',13'
        set xlabel 'sampling temperature (0 = greedy)'
        set ylabel 'loop fraction (share of samples ending in a loop)'
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
             0.0 with lines dt 2 lw 2 lc rgb '#000000' title 'human text (held-out)'
        unset output
    }
}
