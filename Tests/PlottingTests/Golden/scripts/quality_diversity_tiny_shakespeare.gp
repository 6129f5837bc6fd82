# quality_diversity_tiny_shakespeare.gp: Quality against diversity on tiny_shakespeare: sample bits/char under the reference model against distinct-2, each model traced over temperature (T on the first curve; it rises along every curve); star: held-out human text.
# Written by seqbench 0.1.0 from summary.csv; experiment fixture_ü 'quoted' · config 0123456789ab · commit abcdef123456.
# Redraw from this folder: gnuplot quality_diversity_tiny_shakespeare.gp
# Other formats:           gnuplot -e "formats='svg pdf'" quality_diversity_tiny_shakespeare.gp
set encoding utf8
if (!exists("formats")) formats = 'png svg pdf'

$m1 << EOD
# temperature distinct_2 sample_bits_per_char
0.0 0.08 1.98
0.5 0.285 2.1383
0.8 0.366 2.8533
1.0 0.42 3.5133
1.2 0.474 4.32
EOD

$m2 << EOD
# temperature distinct_2 sample_bits_per_char
0.0 0.0925 1.59
0.5 0.4037 1.6135
0.8 0.5185 2.1182
1.0 0.595 2.5841
1.2 0.6715 3.1535
EOD

$m3 << EOD
# temperature distinct_2 sample_bits_per_char
0.0 0.0875 1.81
0.5 0.3562 1.8767
0.8 0.4575 2.4487
1.0 0.525 2.9767
1.2 0.5925 3.622
EOD

$m4 << EOD
# temperature distinct_2 sample_bits_per_char
0.0 0.1 1.45
0.5 0.475 1.425
0.8 0.61 1.854
1.0 0.7 2.25
1.2 0.79 2.734
EOD

$m5 << EOD
# temperature distinct_2 sample_bits_per_char
0.0 0.105 1.38
0.5 0.5225 1.33
0.8 0.671 1.72
1.0 0.77 2.08
1.2 0.869 2.52
EOD

$m6 << EOD
# temperature distinct_2 sample_bits_per_char
0.0 0.0975 1.48
0.5 0.4512 1.4695
0.8 0.5795 1.9211
1.0 0.665 2.3379
1.2 0.7505 2.8474
EOD

$human << EOD
# distinct_2 sample_bits_per_char
0.61 2.15
EOD

# The terminals to choose from; tests pretend to lack cairo with -e "seqbench_terminals=' svg png '".
if (!exists("seqbench_terminals")) seqbench_terminals = ' '.GPVAL_TERMINALS.' '
do for [seqbench_i = 1:words(formats)] {
    seqbench_format = word(formats, seqbench_i)
    seqbench_ok = 1
    if (seqbench_format eq 'png') {
        if (strstrt(seqbench_terminals, ' pngcairo ') > 0) {
            set terminal pngcairo noenhanced size 1081,600 font 'Sans,11'
        } else {
            if (strstrt(seqbench_terminals, ' png ') > 0) {
                set terminal png noenhanced size 1081,600
            } else {
                seqbench_ok = 0
            }
        }
    } else {
        if (seqbench_format eq 'svg') {
            set terminal svg noenhanced size 1081,600 dynamic font 'Sans,11' background '#ffffff'
        } else {
            if (seqbench_format eq 'pdf') {
                if (strstrt(seqbench_terminals, ' pdfcairo ') > 0) {
                    set terminal pdfcairo noenhanced size 9.01in,5.0in font 'Sans,11'
                } else {
                    if (strstrt(seqbench_terminals, ' pdf ') > 0) {
                        set terminal pdf noenhanced size 9.01in,5.0in
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
        print sprintf('quality_diversity_tiny_shakespeare.gp: this gnuplot has no terminal for %s; skipped (install gnuplot-nox, which has cairo)', seqbench_format)
    } else {
        set output 'quality_diversity_tiny_shakespeare.'.seqbench_format
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
        set title 'Quality against diversity — tiny_shakespeare' font ',13'
        set xlabel 'distinct-2 (unique bigrams / tokens), higher = more diverse'
        set ylabel 'sample bits/char under the reference model (lower = more probable)'
        set autoscale fix
        set offsets graph 0.06, graph 0.1, graph 0.08, graph 0.08
        set key outside right top vertical Left reverse samplen 3 spacing 1.2
        set xtics nomirror
        set ytics nomirror
        plot $m1 using 2:3 with linespoints lt 1 dt 1 pt 7 lc rgb '#80B9D9' title 'ngram o=3 modified-kneser-ney', \
             $m2 using 2:3 with linespoints lt 1 dt 2 pt 6 lc rgb '#004A74' title 'ngram o=5 modified-kneser-ney', \
             $m3 using 2:3 with linespoints lt 2 dt 1 pt 5 title 'rnn 1x64', \
             $m4 using 2:3 with linespoints lt 3 dt 1 pt 9 lc rgb '#80CFB9' title 'lstm 1x128', \
             $m5 using 2:3 with linespoints lt 3 dt 2 pt 8 lc rgb '#00674B' title 'lstm "big" 2x64_ü', \
             $m6 using 2:3 with linespoints lt 4 dt 1 pt 11 title 'gru 1x128', \
             $m1 using 2:3:(sprintf('T=%g', $1)) with labels offset char 1.4,0.7 font ',9' tc lt 1 notitle, \
             $human using 1:2 with points pt 3 ps 2.5 lw 2 lc rgb '#000000' title 'human text (held-out)'
        unset output
    }
}
