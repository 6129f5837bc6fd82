// zlib (Debian: zlib1g-dev), for the compression-ratio metric.
#include <zlib.h>
