// The gnuplot driver (issue 6).
