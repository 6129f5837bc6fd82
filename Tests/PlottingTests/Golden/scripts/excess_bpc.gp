# excess_bpc.gp: Synthetic sources: each model's held-out bits per character minus the source's exact entropy rate (0 = as good as the true source; lower is better).
# Written by seqbench 0.1.0 from summary.csv, manifest.json; experiment fixture_ü 'quoted' · config 0123456789ab · commit abcdef123456.
# Redraw from this folder: gnuplot excess_bpc.gp
# Other formats:           gnuplot -e "formats='svg pdf'" excess_bpc.gp
set encoding utf8
if (!exists("formats")) formats = 'png svg pdf'

$bars << EOD
# y mean ci_low ci_high linetype label_x
1.0 2.9125 2.9125 2.9125 5.0 2.9125
2.0 2.5825 2.5825 2.5825 1.0 2.5825
3.0 1.4725 1.4725 1.4725 1.0 1.4725
4.0 0.7425 0.7425 0.7425 1.0 0.7425
5.0 0.3725 0.3725 0.3725 1.0 0.3725
6.0 0.3525 0.3525 0.3525 1.0 0.3525
7.0 0.5025 0.5025 0.5025 1.0 0.5025
8.0 0.5725 0.5425 0.6025 2.0 0.6025
9.0 0.2125 0.1825 0.2425 3.0 0.2425
10.0 0.1425 0.1125 0.1725 3.0 0.1725
11.0 0.2425 0.2125 0.2725 4.0 0.2725
EOD

# The terminals to choose from; tests pretend to lack cairo with -e "seqbench_terminals=' svg png '".
if (!exists("seqbench_terminals")) seqbench_terminals = ' '.GPVAL_TERMINALS.' '
do for [seqbench_i = 1:words(formats)] {
    seqbench_format = word(formats, seqbench_i)
    seqbench_ok = 1
    if (seqbench_format eq 'png') {
        if (strstrt(seqbench_terminals, ' pngcairo ') > 0) {
            set terminal pngcairo noenhanced size 1117,490 font 'Sans,11'
        } else {
            if (strstrt(seqbench_terminals, ' png ') > 0) {
                set terminal png noenhanced size 1117,490
            } else {
                seqbench_ok = 0
            }
        }
    } else {
        if (seqbench_format eq 'svg') {
            set terminal svg noenhanced size 1117,490 dynamic font 'Sans,11' background '#ffffff'
        } else {
            if (seqbench_format eq 'pdf') {
                if (strstrt(seqbench_terminals, ' pdfcairo ') > 0) {
                    set terminal pdfcairo noenhanced size 9.31in,4.08in font 'Sans,11'
                } else {
                    if (strstrt(seqbench_terminals, ' pdf ') > 0) {
                        set terminal pdf noenhanced size 9.31in,4.08in
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
        print sprintf('excess_bpc.gp: this gnuplot has no terminal for %s; skipped (install gnuplot-nox, which has cairo)', seqbench_format)
    } else {
        set output 'excess_bpc.'.seqbench_format
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
        set title 'Excess bits per character over the entropy rate' font ',13'
        set xlabel 'excess bits/char: held-out bits/char − entropy rate (0 = as good as the true source)'
        set xrange [0.0:3.3785000000000003]
        set yrange [12.0:-0.7]
        set ytics scale 0 nomirror ('unigram add-one' 1.0, 'ngram o=1 modified-kneser-ney' 2.0, 'ngram o=2 modified-kneser-ney' 3.0, 'ngram o=3 modified-kneser-ney' 4.0, 'ngram o=4 modified-kneser-ney' 5.0, 'ngram o=5 modified-kneser-ney' 6.0, 'ngram o=6 modified-kneser-ney' 7.0, 'rnn 1x64' 8.0, 'lstm 1x128' 9.0, 'lstm "big" 2x64_ü' 10.0, 'gru 1x128' 11.0)
        set xtics nomirror
        set grid xtics noytics
        set key below horizontal Left reverse samplen 2 width 2 height 1.5
        set style fill solid 0.85 noborder
        set label 'corpus: synthétique "markov" (entropy rate 1.538 bits/char)' at graph 0.005, first 0.0 left font ':Bold,11'
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
