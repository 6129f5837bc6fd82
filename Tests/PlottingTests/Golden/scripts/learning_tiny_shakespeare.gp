# learning_tiny_shakespeare.gp: Learning curves on tiny_shakespeare: validation bits/char against training step (left) and wall-clock seconds (right), one line per seed.
# Written by seqbench 0.1.0 from curves.csv, summary.csv; experiment fixture_ü 'quoted' · config 0123456789ab · commit abcdef123456.
# Redraw from this folder: gnuplot learning_tiny_shakespeare.gp
# Other formats:           gnuplot -e "formats='svg pdf'" learning_tiny_shakespeare.gp
set encoding utf8
if (!exists("formats")) formats = 'png svg pdf'

$m1 << EOD
# step wall_seconds valid_bits_per_char
0.0 0.0 4.78
200.0 4.233 3.9034
400.0 8.466 3.3469
600.0 12.699 2.9937
800.0 16.932 2.7696
1000.0 21.165 2.6273
1200.0 25.398 2.537
1400.0 29.631 2.4796
1600.0 33.864 2.4432
1800.0 38.097 2.4201
2000.0 42.33 2.4055

0.0 0.0 4.81
200.0 4.316 3.9334
400.0 8.632 3.3769
600.0 12.948 3.0237
800.0 17.264 2.7996
1200.0 25.896 2.567
1400.0 30.212 2.5096
1600.0 34.528 2.4732
1800.0 38.844 2.4501
2000.0 43.16 2.4355

0.0 0.0 4.84
200.0 4.399 3.9634
400.0 8.798 3.4069
600.0 13.197 3.0537
800.0 17.596 2.8296
1000.0 21.995 2.6873
1200.0 26.394 2.597
1400.0 30.793 2.5396
1600.0 35.192 2.5032
1800.0 39.591 2.4801
2000.0 43.99 2.4655
EOD

$m2 << EOD
# step wall_seconds valid_bits_per_char
0.0 0.0 4.42
200.0 12.036 3.5434
400.0 24.072 2.9869
600.0 36.108 2.6337
800.0 48.144 2.4096
1000.0 60.18 2.2673
1200.0 72.216 2.177
1400.0 84.252 2.1196
1600.0 96.288 2.0832
1800.0 108.324 2.0601
2000.0 120.36 2.0455

0.0 0.0 4.45
200.0 12.272 3.5734
400.0 24.544 3.0169
600.0 36.816 2.6637
800.0 49.088 2.4396
1000.0 61.36 2.2973
1200.0 73.632 2.207
1400.0 85.904 2.1496
1600.0 98.176 2.1132
1800.0 110.448 2.0901
2000.0 122.72 2.0755

0.0 0.0 4.48
200.0 12.508 3.6034
400.0 25.016 3.0469
600.0 37.524 2.6937
800.0 50.032 2.4696
1000.0 62.54 2.3273
1200.0 75.048 2.237
1400.0 87.556 2.1796
1600.0 100.064 2.1432
1800.0 112.572 2.1201
2000.0 125.08 2.1055
EOD

$m3 << EOD
# step wall_seconds valid_bits_per_char
0.0 0.0 4.35
200.0 23.46 3.4734
400.0 46.92 2.9169
600.0 70.38 2.5637
800.0 93.84 2.3396
1000.0 117.3 2.1973
1200.0 140.76 2.107
1400.0 164.22 2.0496
1600.0 187.68 2.0132
1800.0 211.14 1.9901
2000.0 234.6 1.9755

0.0 0.0 4.38
200.0 23.92 3.5034
400.0 47.84 2.9469
600.0 71.76 2.5937
800.0 95.68 2.3696
1000.0 119.6 2.2273
1200.0 143.52 2.137
1400.0 167.44 2.0796
1600.0 191.36 2.0432
1800.0 215.28 2.0201
2000.0 239.2 2.0055

0.0 0.0 4.41
200.0 24.38 3.5334
400.0 48.76 2.9769
600.0 73.14 2.6237
800.0 97.52 2.3996
1000.0 121.9 2.2573
1200.0 146.28 2.167
1400.0 170.66 2.1096
1600.0 195.04 2.0732
1800.0 219.42 2.0501
2000.0 243.8 2.0355
EOD

$m4 << EOD
# step wall_seconds valid_bits_per_char
0.0 0.0 4.45
200.0 9.792 3.5734
400.0 19.584 3.0169
600.0 29.376 2.6637
800.0 39.168 2.4396
1000.0 48.96 2.2973
1200.0 58.752 2.207
1400.0 68.544 2.1496
1600.0 78.336 2.1132
1800.0 88.128 2.0901
2000.0 97.92 2.0755

0.0 0.0 4.48
200.0 9.984 3.6034
400.0 19.968 3.0469
600.0 29.952 2.6937
800.0 39.936 2.4696
1000.0 49.92 2.3273
1200.0 59.904 2.237
1400.0 69.888 2.1796
1600.0 79.872 2.1432
1800.0 89.856 2.1201
2000.0 99.84 2.1055

0.0 0.0 4.51
200.0 10.176 3.6334
400.0 20.352 3.0769
600.0 30.528 2.7237
800.0 40.704 2.4996
1000.0 50.88 2.3573
1200.0 61.056 2.267
1400.0 71.232 2.2096
1600.0 81.408 2.1732
1800.0 91.584 2.1501
2000.0 101.76 2.1355
EOD

# The terminals to choose from; tests pretend to lack cairo with -e "seqbench_terminals=' svg png '".
if (!exists("seqbench_terminals")) seqbench_terminals = ' '.GPVAL_TERMINALS.' '
do for [seqbench_i = 1:words(formats)] {
    seqbench_format = word(formats, seqbench_i)
    seqbench_ok = 1
    if (seqbench_format eq 'png') {
        if (strstrt(seqbench_terminals, ' pngcairo ') > 0) {
            set terminal pngcairo noenhanced size 1200,566 font 'Sans,11'
        } else {
            if (strstrt(seqbench_terminals, ' png ') > 0) {
                set terminal png noenhanced size 1200,566
            } else {
                seqbench_ok = 0
            }
        }
    } else {
        if (seqbench_format eq 'svg') {
            set terminal svg noenhanced size 1200,566 dynamic font 'Sans,11' background '#ffffff'
        } else {
            if (seqbench_format eq 'pdf') {
                if (strstrt(seqbench_terminals, ' pdfcairo ') > 0) {
                    set terminal pdfcairo noenhanced size 10.0in,4.72in font 'Sans,11'
                } else {
                    if (strstrt(seqbench_terminals, ' pdf ') > 0) {
                        set terminal pdf noenhanced size 10.0in,4.72in
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
        print sprintf('learning_tiny_shakespeare.gp: this gnuplot has no terminal for %s; skipped (install gnuplot-nox, which has cairo)', seqbench_format)
    } else {
        set output 'learning_tiny_shakespeare.'.seqbench_format
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
        set multiplot layout 1,2 margins 0.07,0.98,0.24,0.89 spacing 0.08,0
        set ylabel 'validation bits/char'
        set xtics nomirror
        set ytics nomirror
        set xlabel 'training step'
        set title 'Learning curves — tiny_shakespeare' font ',13'
        unset key
        plot $m1 using 1:3 with linespoints lt 2 dt 1 pt 5 ps 0.6 notitle, \
             $m2 using 1:3 with linespoints lt 3 dt 1 pt 9 lc rgb '#80CFB9' ps 0.6 notitle, \
             $m3 using 1:3 with linespoints lt 3 dt 2 pt 8 lc rgb '#00674B' ps 0.6 notitle, \
             $m4 using 1:3 with linespoints lt 4 dt 1 pt 11 ps 0.6 notitle, \
             2.19 with lines dt 2 lw 2 lt 1 notitle
        set xlabel 'wall-clock time (seconds)'
        set title 'the same runs against wall-clock time' font ',13'
        set key at screen 0.5, screen 0.134 center top vertical maxrows 3 Left reverse samplen 3 spacing 1.1 width 2
        plot $m1 using 2:3 with linespoints lt 2 dt 1 pt 5 ps 0.6 title 'rnn 1x64 (3 seeds)', \
             $m2 using 2:3 with linespoints lt 3 dt 1 pt 9 lc rgb '#80CFB9' ps 0.6 title 'lstm 1x128 (3 seeds)', \
             $m3 using 2:3 with linespoints lt 3 dt 2 pt 8 lc rgb '#00674B' ps 0.6 title 'lstm "big" 2x64_ü (3 seeds)', \
             $m4 using 2:3 with linespoints lt 4 dt 1 pt 11 ps 0.6 title 'gru 1x128 (3 seeds)', \
             2.19 with lines dt 2 lw 2 lt 1 title 'best n-gram held-out: ngram o=5 modified-kneser-ney'
        unset multiplot
        unset output
    }
}
