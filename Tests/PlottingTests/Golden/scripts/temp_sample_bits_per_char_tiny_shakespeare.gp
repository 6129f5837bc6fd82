# temp_sample_bits_per_char_tiny_shakespeare.gp: sample bits/char under the reference model against sampling temperature on tiny_shakespeare, one line per model (band: across-seed interval; dashed black: held-out human text).
# Written by seqbench 0.1.0 from summary.csv; experiment fixture_ü 'quoted' · config 0123456789ab · commit abcdef123456.
# Redraw from this folder: gnuplot temp_sample_bits_per_char_tiny_shakespeare.gp
# Other formats:           gnuplot -e "formats='svg pdf'" temp_sample_bits_per_char_tiny_shakespeare.gp
set encoding utf8
if (!exists("formats")) formats = 'png svg pdf'

$m1 << EOD
# temperature mean ci_low ci_high
0.0 1.98 1.98 1.98
0.5 2.1383 2.1383 2.1383
0.8 2.8533 2.8533 2.8533
1.0 3.5133 3.5133 3.5133
1.2 4.32 4.32 4.32
EOD

$m2 << EOD
# temperature mean ci_low ci_high
0.0 1.59 1.59 1.59
0.5 1.6135 1.6135 1.6135
0.8 2.1182 2.1182 2.1182
1.0 2.5841 2.5841 2.5841
1.2 3.1535 3.1535 3.1535
EOD

$m3 << EOD
# temperature mean ci_low ci_high
0.0 1.81 1.795 1.825
0.5 1.8767 1.8542 1.8992
0.8 2.4487 2.4217 2.4757
1.0 2.9767 2.9467 3.0067
1.2 3.622 3.589 3.655
EOD

$m4 << EOD
# temperature mean ci_low ci_high
0.0 1.45 1.435 1.465
0.5 1.425 1.4025 1.4475
0.8 1.854 1.827 1.881
1.0 2.25 2.22 2.28
1.2 2.734 2.701 2.767
EOD

$m5 << EOD
# temperature mean ci_low ci_high
0.0 1.38 1.365 1.395
0.5 1.33 1.3075 1.3525
0.8 1.72 1.693 1.747
1.0 2.08 2.05 2.11
1.2 2.52 2.487 2.553
EOD

$m6 << EOD
# temperature mean ci_low ci_high
0.0 1.48 1.465 1.495
0.5 1.4695 1.447 1.492
0.8 1.9211 1.8941 1.9481
1.0 2.3379 2.3079 2.3679
1.2 2.8474 2.8144 2.8804
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
        print sprintf('temp_sample_bits_per_char_tiny_shakespeare.gp: this gnuplot has no terminal for %s; skipped (install gnuplot-nox, which has cairo)', seqbench_format)
    } else {
        set output 'temp_sample_bits_per_char_tiny_shakespeare.'.seqbench_format
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
        set title 'sample bits/char under the reference model — tiny_shakespeare' font ',13'
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
             2.15 with lines dt 2 lw 2 lc rgb '#000000' title 'human text (held-out)'
        unset output
    }
}
