// Test-only allocation counter: see include/AllocationCounter.h. Every definition forwards to
// glibc's own entry points (__libc_malloc, …), so the test process allocates exactly as it would
// without it; only the calling thread's count changes, and only while it tracks.
#include <errno.h>
#include <stddef.h>
#include "AllocationCounter.h"

extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);
extern void *__libc_memalign(size_t, size_t);

static __thread int tracking __attribute__((tls_model("initial-exec")));
static __thread long count __attribute__((tls_model("initial-exec")));

void seqbench_track_allocations(int on) { tracking = on; count = 0; }
long seqbench_allocations(void) { return count; }

void *malloc(size_t n) { if (tracking) count++; return __libc_malloc(n); }
void *calloc(size_t k, size_t n) { if (tracking) count++; return __libc_calloc(k, n); }
void *realloc(void *p, size_t n) { if (tracking) count++; return __libc_realloc(p, n); }
void *memalign(size_t a, size_t n) { if (tracking) count++; return __libc_memalign(a, n); }
void *aligned_alloc(size_t a, size_t n) { if (tracking) count++; return __libc_memalign(a, n); }
int posix_memalign(void **out, size_t a, size_t n) {
    if (a < sizeof(void *) || (a & (a - 1)) != 0) return EINVAL;
    if (tracking) count++;
    void *p = __libc_memalign(a, n);
    if (!p && n) return ENOMEM;
    *out = p;
    return 0;
}
