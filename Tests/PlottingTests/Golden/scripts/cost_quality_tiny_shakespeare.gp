# cost_quality_tiny_shakespeare.gp: Cost against quality on tiny_shakespeare: training seconds (log scale) against held-out bits/char per model; the dashed line joins the Pareto front (no other model is both faster and better).
# Written by seqbench 0.1.0 from summary.csv; experiment fixture_ü 'quoted' · config 0123456789ab · commit abcdef123456.
# Redraw from this folder: gnuplot cost_quality_tiny_shakespeare.gp
# Other formats:           gnuplot -e "formats='svg pdf'" cost_quality_tiny_shakespeare.gp
set encoding utf8
if (!exists("formats")) formats = 'png svg pdf'

$f1 << EOD
# train_seconds bits_per_char ci_low ci_high
0.012 4.75 4.75 4.75
EOD

$f2 << EOD
# train_seconds bits_per_char ci_low ci_high
0.05 4.42 4.42 4.42
0.1 3.31 3.31 3.31
0.15000000000000002 2.58 2.58 2.58
0.2 2.21 2.21 2.21
0.25 2.19 2.19 2.19
0.30000000000000004 2.34 2.34 2.34
EOD

$f3 << EOD
# train_seconds bits_per_char ci_low ci_high
41.5 2.41 2.38 2.44
EOD

$f4 << EOD
# train_seconds bits_per_char ci_low ci_high
118.0 2.05 2.02 2.08
230.0 1.98 1.95 2.01
EOD

$f5 << EOD
# train_seconds bits_per_char ci_low ci_high
96.0 2.08 2.05 2.11
EOD

$front << EOD
# train_seconds bits_per_char
0.012 4.75
0.05 4.42
0.1 3.31
0.15000000000000002 2.58
0.2 2.21
0.25 2.19
96.0 2.08
118.0 2.05
230.0 1.98
EOD

# The terminals to choose from; tests pretend to lack cairo with -e "seqbench_terminals=' svg png '".
if (!exists("seqbench_terminals")) seqbench_terminals = ' '.GPVAL_TERMINALS.' '
do for [seqbench_i = 1:words(formats)] {
    seqbench_format = word(formats, seqbench_i)
    seqbench_ok = 1
    if (seqbench_format eq 'png') {
        if (strstrt(seqbench_terminals, ' pngcairo ') > 0) {
            set terminal pngcairo noenhanced size 1000,600 font 'Sans,11'
        } else {
            if (strstrt(seqbench_terminals, ' png ') > 0) {
                set terminal png noenhanced size 1000,600
            } else {
                seqbench_ok = 0
            }
        }
    } else {
        if (seqbench_format eq 'svg') {
            set terminal svg noenhanced size 1000,600 dynamic font 'Sans,11' background '#ffffff'
        } else {
            if (seqbench_format eq 'pdf') {
                if (strstrt(seqbench_terminals, ' pdfcairo ') > 0) {
                    set terminal pdfcairo noenhanced size 8.33in,5.0in font 'Sans,11'
                } else {
                    if (strstrt(seqbench_terminals, ' pdf ') > 0) {
                        set terminal pdf noenhanced size 8.33in,5.0in
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
        print sprintf('cost_quality_tiny_shakespeare.gp: this gnuplot has no terminal for %s; skipped (install gnuplot-nox, which has cairo)', seqbench_format)
    } else {
        set output 'cost_quality_tiny_shakespeare.'.seqbench_format
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
        set title 'Cost against quality — tiny_shakespeare' font ',13'
        set xlabel 'training time (seconds, log scale)'
        set ylabel 'held-out bits/char (lower is better)'
        set logscale x 10
        set format x '%g'
        set autoscale fix
        set offsets graph 0.12, graph 0.18, graph 0.1, graph 0.1
        set xtics nomirror
        set ytics nomirror
        set key outside right top vertical Left reverse samplen 2 spacing 1.2
        set label 1 'unigram add-one' at first 0.012, first 4.75 left offset screen 0.009, screen 0.01 font ',8' tc rgb '#444444'
        set label 2 'ngram o=1 modified-kneser-ney' at first 0.05, first 4.42 left offset screen 0.009, screen 0.01 font ',8' tc rgb '#444444'
        set label 3 'ngram o=2 modified-kneser-ney' at first 0.1, first 3.31 left offset screen 0.009, screen 0.01 font ',8' tc rgb '#444444'
        set label 4 'ngram o=3 modified-kneser-ney' at first 0.15000000000000002, first 2.58 left offset screen 0.009, screen 0.01 font ',8' tc rgb '#444444'
        set label 5 'ngram o=4 modified-kneser-ney' at first 0.2, first 2.21 right offset screen -0.009, screen 0.01 font ',8' tc rgb '#444444'
        set label 6 'ngram o=5 modified-kneser-ney' at first 0.25, first 2.19 left offset screen 0.009, screen -0.02666666666666667 font ',8' tc rgb '#444444'
        set label 7 'ngram o=6 modified-kneser-ney' at first 0.30000000000000004, first 2.34 left offset screen 0.009, screen 0.01 font ',8' tc rgb '#444444'
        set label 8 'rnn 1x64' at first 41.5, first 2.41 left offset screen 0.009, screen 0.01 font ',8' tc rgb '#444444'
        set label 9 'lstm 1x128' at first 118.0, first 2.05 left offset screen 0.009, screen 0.01 font ',8' tc rgb '#444444'
        set label 10 'lstm "big" 2x64_ü' at first 230.0, first 1.98 right offset screen -0.009, screen -0.02666666666666667 font ',8' tc rgb '#444444'
        set label 11 'gru 1x128' at first 96.0, first 2.08 right offset screen -0.009, screen 0.01 font ',8' tc rgb '#444444'
        plot $f1 using 1:2:3:4 with yerrorbars lt 5 pt 13 ps 1.5 title 'unigram', \
             $f2 using 1:2:3:4 with yerrorbars lt 1 pt 7 ps 1.5 title 'ngram', \
             $f3 using 1:2:3:4 with yerrorbars lt 2 pt 5 ps 1.5 title 'rnn', \
             $f4 using 1:2:3:4 with yerrorbars lt 3 pt 9 ps 1.5 title 'lstm', \
             $f5 using 1:2:3:4 with yerrorbars lt 4 pt 11 ps 1.5 title 'gru', \
             $front using 1:2 with linespoints dt 2 lw 1.5 pt 6 ps 2.4 lc rgb '#000000' title 'Pareto front'
        unset output
    }
}
