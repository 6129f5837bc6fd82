#ifndef SEQBENCH_ALLOCATION_COUNTER_H
#define SEQBENCH_ALLOCATION_COUNTER_H

/// Counts heap allocations (malloc, calloc, realloc, posix_memalign, aligned_alloc, memalign) made
/// by the calling thread while it tracks them. Linked into the test executable only, where these
/// definitions stand in front of glibc's (ELF interposition) and forward to it.

/// Starts (non-zero) or stops (0) counting the calling thread's allocations; starting resets the count.
void seqbench_track_allocations(int on);
/// Allocations by the calling thread since it started tracking.
long seqbench_allocations(void);

#endif
