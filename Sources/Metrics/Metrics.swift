// Repetition, diversity and copying metrics (issue 5).
