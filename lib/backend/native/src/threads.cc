// How many OpenMP threads one call gets. A parallel region costs a wake-up
// of each sleeping worker (tens of microseconds, more when another process
// holds that core), so a call runs on the calling thread alone until its work
// pays for a second thread, as PyTorch's grain size does. oneDNN builds a
// primitive for the team size in force when it is created, so callers pass
// the count to useThreads() before building and running one, and key their
// cache on it.
#include <omp.h>

#include <algorithm>
#include <cmath>

#include "common.h"

namespace d2l {
namespace {
ThreadPolicy policy{1, 1e8, 1 << 21};
}  // namespace

const ThreadPolicy& threadPolicy() { return policy; }

void setThreadPolicy(const ThreadPolicy& next) {
  policy = next;
  omp_set_num_threads(policy.maxThreads);
}

int threadsFor(double work, double workPerThread) {
  if (policy.maxThreads <= 1 || !(work >= 2 * workPerThread)) return 1;
  return static_cast<int>(std::min<double>(policy.maxThreads, std::floor(work / workPerThread)));
}

int threadsForFlops(double flops) { return threadsFor(flops, policy.flopsPerThread); }
int threadsForElements(double elements) { return threadsFor(elements, policy.elementsPerThread); }

void useThreads(int threads) {
  if (omp_get_max_threads() != threads) omp_set_num_threads(threads);
}

}  // namespace d2l
