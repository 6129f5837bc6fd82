# heldout_bpc.gp: Held-out bits per character of each model on each corpus (lower is better; bar: mean over seeds; whisker: across-seed interval).
# Written by seqbench 0.1.0 from summary.csv; experiment fixture_ü 'quoted' · config 0123456789ab · commit abcdef123456.
# Redraw from this folder: gnuplot heldout_bpc.gp
# Other formats:           gnuplot -e "formats='svg pdf'" heldout_bpc.gp
set encoding utf8
if (!exists("formats")) formats = 'png svg pdf'

$bars << EOD
# y mean ci_low ci_high linetype label_x
1.0 4.75 4.75 4.75 5.0 4.75
2.0 4.42 4.42 4.42 1.0 4.42
3.0 3.31 3.31 3.31 1.0 3.31
4.0 2.58 2.58 2.58 1.0 2.58
5.0 2.21 2.21 2.21 1.0 2.21
6.0 2.19 2.19 2.19 1.0 2.19
7.0 2.34 2.34 2.34 1.0 2.34
8.0 2.41 2.38 2.44 2.0 2.44
9.0 2.05 2.02 2.08 3.0 2.08
10.0 1.98 1.95 2.01 3.0 2.01
11.0 2.08 2.05 2.11 4.0 2.11
13.4 4.45 4.45 4.45 5.0 4.45
14.4 4.12 4.12 4.12 1.0 4.12
15.4 3.01 3.01 3.01 1.0 3.01
16.4 2.28 2.28 2.28 1.0 2.28
17.4 1.91 1.91 1.91 1.0 1.91
18.4 1.89 1.89 1.89 1.0 1.89
19.4 2.04 2.04 2.04 1.0 2.04
20.4 2.11 2.08 2.14 2.0 2.14
21.4 1.75 1.72 1.78 3.0 1.78
22.4 1.68 1.65 1.71 3.0 1.71
23.4 1.78 1.75 1.81 4.0 1.81
EOD

# The terminals to choose from; tests pretend to lack cairo with -e "seqbench_terminals=' svg png '".
if (!exists("seqbench_terminals")) seqbench_terminals = ' '.GPVAL_TERMINALS.' '
do for [seqbench_i = 1:words(formats)] {
    seqbench_format = word(formats, seqbench_i)
    seqbench_ok = 1
    if (seqbench_format eq 'png') {
        if (strstrt(seqbench_terminals, ' pngcairo ') > 0) {
            set terminal pngcairo noenhanced size 1117,813 font 'Sans,11'
        } else {
            if (strstrt(seqbench_terminals, ' png ') > 0) {
                set terminal png noenhanced size 1117,813
            } else {
                seqbench_ok = 0
            }
        }
    } else {
        if (seqbench_format eq 'svg') {
            set terminal svg noenhanced size 1117,813 dynamic font 'Sans,11' background '#ffffff'
        } else {
            if (seqbench_format eq 'pdf') {
                if (strstrt(seqbench_terminals, ' pdfcairo ') > 0) {
                    set terminal pdfcairo noenhanced size 9.31in,6.78in font 'Sans,11'
                } else {
                    if (strstrt(seqbench_terminals, ' pdf ') > 0) {
                        set terminal pdf noenhanced size 9.31in,6.78in
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
        print sprintf('heldout_bpc.gp: this gnuplot has no terminal for %s; skipped (install gnuplot-nox, which has cairo)', seqbench_format)
    } else {
        set output 'heldout_bpc.'.seqbench_format
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
        set title 'Held-out bits per character' font ',13'
        set xlabel 'held-out bits/char (lower is better)'
        set xrange [0.0:5.51]
        set yrange [24.4:-0.7]
        set ytics scale 0 nomirror ('unigram add-one' 1.0, 'ngram o=1 modified-kneser-ney' 2.0, 'ngram o=2 modified-kneser-ney' 3.0, 'ngram o=3 modified-kneser-ney' 4.0, 'ngram o=4 modified-kneser-ney' 5.0, 'ngram o=5 modified-kneser-ney' 6.0, 'ngram o=6 modified-kneser-ney' 7.0, 'rnn 1x64' 8.0, 'lstm 1x128' 9.0, 'lstm "big" 2x64_ü' 10.0, 'gru 1x128' 11.0, 'unigram add-one' 13.4, 'ngram o=1 modified-kneser-ney' 14.4, 'ngram o=2 modified-kneser-ney' 15.4, 'ngram o=3 modified-kneser-ney' 16.4, 'ngram o=4 modified-kneser-ney' 17.4, 'ngram o=5 modified-kneser-ney' 18.4, 'ngram o=6 modified-kneser-ney' 19.4, 'rnn 1x64' 20.4, 'lstm 1x128' 21.4, 'lstm "big" 2x64_ü' 22.4, 'gru 1x128' 23.4)
        set xtics nomirror
        set grid xtics noytics
        set key below horizontal Left reverse samplen 2 width 2 height 1.5
        set style fill solid 0.85 noborder
        set label 'corpus: tiny_shakespeare' at graph 0.005, first 0.0 left font ':Bold,11'
        set label 'corpus: synthétique "markov"' at graph 0.005, first 12.4 left font ':Bold,11'
        plot $bars using (($2 < 0 ? $2 : 0) + abs($2)/2):1:($2 < 0 ? $2 : 0):($2 < 0 ? 0 : $2):($1 - 0.36):($1 + 0.36):5 with boxxyerror lc variable notitle, \
             $bars using 2:1:3:4 with xerrorbars pt 0 lc rgb '#000000' lw 1.5 notitle, \
             $bars using 6:1:(sprintf('%.3f', $2)) with labels left offset char 0.6,0 font ',9' notitle, \
             keyentry with boxes fs solid 0.85 noborder lt 5 title 'unigram', \
             keyentry with boxes fs solid 0.85 noborder lt 1 title 'ngram', \
             keyentry with boxes fs solid 0.85 noborder lt 2 title 'rnn', \
             keyentry with boxes fs solid 0.85 noborder lt 3 title 'lstm', \
             keyentry with boxes fs solid 0.85 noborder lt 4 title 'gru', \
             keyentry with xerrorbars pt 0 lc rgb '#000000' lw 1.5 title 'across-seed interval'
        unset output
    }
}
