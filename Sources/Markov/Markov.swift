// n-gram Markov chain models (issue 3).
