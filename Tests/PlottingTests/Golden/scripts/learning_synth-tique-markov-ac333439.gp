# learning_synth-tique-markov-ac333439.gp: Learning curves on synthétique "markov": validation bits/char against training step (left) and wall-clock seconds (right), one line per seed.
# Written by seqbench 0.1.0 from curves.csv, summary.csv; experiment fixture_ü 'quoted' · config 0123456789ab · commit abcdef123456.
# Redraw from this folder: gnuplot learning_synth-tique-markov-ac333439.gp
# Other formats:           gnuplot -e "formats='svg pdf'" learning_synth-tique-markov-ac333439.gp
set encoding utf8
if (!exists("formats")) formats = 'png svg pdf'

$m1 << EOD
# step wall_seconds valid_bits_per_char
0.0 0.0 4.48
200.0 4.233 3.6034
400.0 8.466 3.0469
600.0 12.699 2.6937
800.0 16.932 2.4696
1000.0 21.165 2.3273
1200.0 25.398 2.237
1400.0 29.631 2.1796
1600.0 33.864 2.1432
1800.0 38.097 2.1201
2000.0 42.33 2.1055

0.0 0.0 4.51
200.0 4.316 3.6334
400.0 8.632 3.0769
600.0 12.948 2.7237
800.0 17.264 2.4996
1200.0 25.896 2.267
1400.0 30.212 2.2096
1600.0 34.528 2.1732
1800.0 38.844 2.1501
2000.0 43.16 2.1355

0.0 0.0 4.54
200.0 4.399 3.6634
400.0 8.798 3.1069
600.0 13.197 2.7537
800.0 17.596 2.5296
1000.0 21.995 2.3873
1200.0 26.394 2.297
1400.0 30.793 2.2396
1600.0 35.192 2.2032
1800.0 39.591 2.1801
2000.0 43.99 2.1655
EOD

$m2 << EOD
# step wall_seconds valid_bits_per_char
0.0 0.0 4.12
200.0 12.036 3.2434
400.0 24.072 2.6869
600.0 36.108 2.3337
800.0 48.144 2.1096
1000.0 60.18 1.9673
1200.0 72.216 1.877
1400.0 84.252 1.8196
1600.0 96.288 1.7832
1800.0 108.324 1.7601
2000.0 120.36 1.7455

0.0 0.0 4.15
200.0 12.272 3.2734
400.0 24.544 2.7169
600.0 36.816 2.3637
800.0 49.088 2.1396
1000.0 61.36 1.9973
1200.0 73.632 1.907
1400.0 85.904 1.8496
1600.0 98.176 1.8132
1800.0 110.448 1.7901
2000.0 122.72 1.7755

0.0 0.0 4.18
200.0 12.508 3.3034
400.0 25.016 2.7469
600.0 37.524 2.3937
800.0 50.032 2.1696
1000.0 62.54 2.0273
1200.0 75.048 1.937
1400.0 87.556 1.8796
1600.0 100.064 1.8432
1800.0 112.572 1.8201
2000.0 125.08 1.8055
EOD

$m3 << EOD
# step wall_seconds valid_bits_per_char
0.0 0.0 4.05
200.0 23.46 3.1734
400.0 46.92 2.6169
600.0 70.38 2.2637
800.0 93.84 2.0396
1000.0 117.3 1.8973
1200.0 140.76 1.807
1400.0 164.22 1.7496
1600.0 187.68 1.7132
1800.0 211.14 1.6901
2000.0 234.6 1.6755

0.0 0.0 4.08
200.0 23.92 3.2034
400.0 47.84 2.6469
600.0 71.76 2.2937
800.0 95.68 2.0696
1000.0 119.6 1.9273
1200.0 143.52 1.837
1400.0 167.44 1.7796
1600.0 191.36 1.7432
1800.0 215.28 1.7201
2000.0 239.2 1.7055

0.0 0.0 4.11
200.0 24.38 3.2334
400.0 48.76 2.6769
600.0 73.14 2.3237
800.0 97.52 2.0996
1000.0 121.9 1.9573
1200.0 146.28 1.867
1400.0 170.66 1.8096
1600.0 195.04 1.7732
1800.0 219.42 1.7501
2000.0 243.8 1.7355
EOD

$m4 << EOD
# step wall_seconds valid_bits_per_char
0.0 0.0 4.15
200.0 9.792 3.2734
400.0 19.584 2.7169
600.0 29.376 2.3637
800.0 39.168 2.1396
1000.0 48.96 1.9973
1200.0 58.752 1.907
1400.0 68.544 1.8496
1600.0 78.336 1.8132
1800.0 88.128 1.7901
2000.0 97.92 1.7755

0.0 0.0 4.18
200.0 9.984 3.3034
400.0 19.968 2.7469
600.0 29.952 2.3937
800.0 39.936 2.1696
1000.0 49.92 2.0273
1200.0 59.904 1.937
1400.0 69.888 1.8796
1600.0 79.872 1.8432
1800.0 89.856 1.8201
2000.0 99.84 1.8055

0.0 0.0 4.21
200.0 10.176 3.3334
400.0 20.352 2.7769
600.0 30.528 2.4237
800.0 40.704 2.1996
1000.0 50.88 2.0573
1200.0 61.056 1.967
1400.0 71.232 1.9096
1600.0 81.408 1.8732
1800.0 91.584 1.8501
2000.0 101.76 1.8355
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
        print sprintf('learning_synth-tique-markov-ac333439.gp: this gnuplot has no terminal for %s; skipped (install gnuplot-nox, which has cairo)', seqbench_format)
    } else {
        set output 'learning_synth-tique-markov-ac333439.'.seqbench_format
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
        set title 'Learning curves — synthétique "markov"' font ',13'
        unset key
        plot $m1 using 1:3 with linespoints lt 2 dt 1 pt 5 ps 0.6 notitle, \
             $m2 using 1:3 with linespoints lt 3 dt 1 pt 9 lc rgb '#80CFB9' ps 0.6 notitle, \
             $m3 using 1:3 with linespoints lt 3 dt 2 pt 8 lc rgb '#00674B' ps 0.6 notitle, \
             $m4 using 1:3 with linespoints lt 4 dt 1 pt 11 ps 0.6 notitle, \
             1.89 with lines dt 2 lw 2 lt 1 notitle
        set xlabel 'wall-clock time (seconds)'
        set title 'the same runs against wall-clock time' font ',13'
        set key at screen 0.5, screen 0.134 center top vertical maxrows 3 Left reverse samplen 3 spacing 1.1 width 2
        plot $m1 using 2:3 with linespoints lt 2 dt 1 pt 5 ps 0.6 title 'rnn 1x64 (3 seeds)', \
             $m2 using 2:3 with linespoints lt 3 dt 1 pt 9 lc rgb '#80CFB9' ps 0.6 title 'lstm 1x128 (3 seeds)', \
             $m3 using 2:3 with linespoints lt 3 dt 2 pt 8 lc rgb '#00674B' ps 0.6 title 'lstm "big" 2x64_ü (3 seeds)', \
             $m4 using 2:3 with linespoints lt 4 dt 1 pt 11 ps 0.6 title 'gru 1x128 (3 seeds)', \
             1.89 with lines dt 2 lw 2 lt 1 title 'best n-gram held-out: ngram o=5 modified-kneser-ney'
        unset multiplot
        unset output
    }
}
