# order_sweep_synth-tique-markov-ac333439.gp: n-gram order sweep on synthétique "markov": held-out (solid) and training (dashed) bits/char against order; the circle marks the order with the lowest held-out bits/char, past which counting stops generalising.
# Written by seqbench 0.1.0 from summary.csv, manifest.json; experiment fixture_ü 'quoted' · config 0123456789ab · commit abcdef123456.
# Redraw from this folder: gnuplot order_sweep_synth-tique-markov-ac333439.gp
# Other formats:           gnuplot -e "formats='svg pdf'" order_sweep_synth-tique-markov-ac333439.gp
set encoding utf8
if (!exists("formats")) formats = 'png svg pdf'

$s1 << EOD
# order heldout_bits_per_char train_bits_per_char
1.0 4.12 4.1
2.0 3.01 2.92
3.0 2.28 2.01
4.0 1.91 1.32
5.0 1.89 0.68
6.0 2.04 0.21
EOD

# The terminals to choose from; tests pretend to lack cairo with -e "seqbench_terminals=' svg png '".
if (!exists("seqbench_terminals")) seqbench_terminals = ' '.GPVAL_TERMINALS.' '
do for [seqbench_i = 1:words(formats)] {
    seqbench_format = word(formats, seqbench_i)
    seqbench_ok = 1
    if (seqbench_format eq 'png') {
        if (strstrt(seqbench_terminals, ' pngcairo ') > 0) {
            set terminal pngcairo noenhanced size 1135,560 font 'Sans,11'
        } else {
            if (strstrt(seqbench_terminals, ' png ') > 0) {
                set terminal png noenhanced size 1135,560
            } else {
                seqbench_ok = 0
            }
        }
    } else {
        if (seqbench_format eq 'svg') {
            set terminal svg noenhanced size 1135,560 dynamic font 'Sans,11' background '#ffffff'
        } else {
            if (seqbench_format eq 'pdf') {
                if (strstrt(seqbench_terminals, ' pdfcairo ') > 0) {
                    set terminal pdfcairo noenhanced size 9.46in,4.67in font 'Sans,11'
                } else {
                    if (strstrt(seqbench_terminals, ' pdf ') > 0) {
                        set terminal pdf noenhanced size 9.46in,4.67in
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
        print sprintf('order_sweep_synth-tique-markov-ac333439.gp: this gnuplot has no terminal for %s; skipped (install gnuplot-nox, which has cairo)', seqbench_format)
    } else {
        set output 'order_sweep_synth-tique-markov-ac333439.'.seqbench_format
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
        set title 'n-gram order sweep — synthétique "markov"' font ',13'
        set xlabel 'n-gram order'
        set ylabel 'bits/char'
        set xrange [0.5:6.5]
        set xtics 1 nomirror
        set ytics nomirror
        set yrange [0:*]
        set offsets 0, 0, graph 0.08, 0
        set key outside right top vertical Left reverse samplen 3 spacing 1.2
        set object 1 circle at first 5, first 1.89 size char 1.2 fs empty border lc rgb '#0072B2' lw 2 front
        set label 1 'lowest held-out: order 5' at first 5, first 1.89 offset char 1.5,-1.2 font ',9' tc rgb '#0072B2'
        plot $s1 using 1:2 with linespoints lw 2 dt 1 pt 7 ps 1.3 lc rgb '#0072B2' title 'ngram modified-kneser-ney: held-out', \
             $s1 using 1:3 with linespoints lw 2 dt 2 pt 6 ps 1.3 lc rgb '#0072B2' title 'ngram modified-kneser-ney: training', \
             1.5375 with lines dt 3 lw 2 lc rgb '#000000' title 'entropy rate of the source'
        unset output
    }
}
