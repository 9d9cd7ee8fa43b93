// The machine's fp32 peak: independent fused multiply-adds on registers of the
// widest vectors this build targets (-march=native), no memory traffic, on as
// many threads as the kernels use. What fraction of it a kernel reaches is its
// efficiency.
#include <chrono>

#include "common.h"

namespace d2l {
namespace {

constexpr int kLanes = 16;  // 64-byte vectors; the compiler splits them where the CPU's are narrower
typedef float Vec __attribute__((vector_size(kLanes * sizeof(float))));
constexpr int kChains = 12;  // enough independent accumulators to cover FMA latency × throughput

// The addon builds with -ffp-contract=off (wasm's rounding for the optimizer updates), which would
// split each a * m + k below into a multiply and an add: half the peak on a CPU whose adds share the
// FMA ports (measured on an Intel Xeon: 118 instead of 238 GFLOP/s per core). This loop contracts.
__attribute__((optimize("fp-contract=fast"))) double fmaGflops(int64_t iterations) {
  Vec a0 = Vec{} + 0.f, a1 = Vec{} + 1.f, a2 = Vec{} + 2.f, a3 = Vec{} + 3.f, a4 = Vec{} + 4.f, a5 = Vec{} + 5.f;
  Vec a6 = Vec{} + 6.f, a7 = Vec{} + 7.f, a8 = Vec{} + 8.f, a9 = Vec{} + 9.f, a10 = Vec{} + 10.f, a11 = Vec{} + 11.f;
  const Vec m = Vec{} + 0.999999f, k = Vec{} + 1e-7f;
  auto start = std::chrono::steady_clock::now();
  for (int64_t i = 0; i < iterations; i++) {
    a0 = a0 * m + k, a1 = a1 * m + k, a2 = a2 * m + k, a3 = a3 * m + k, a4 = a4 * m + k, a5 = a5 * m + k;
    a6 = a6 * m + k, a7 = a7 * m + k, a8 = a8 * m + k, a9 = a9 * m + k, a10 = a10 * m + k, a11 = a11 * m + k;
    // Keeps every chain in a register and live, so none is folded away.
    asm volatile("" : "+v"(a0), "+v"(a1), "+v"(a2), "+v"(a3), "+v"(a4), "+v"(a5), "+v"(a6), "+v"(a7), "+v"(a8),
                 "+v"(a9), "+v"(a10), "+v"(a11));
  }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  Vec sum = a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11;
  volatile float sink = sum[0];
  (void)sink;
  return 2.0 * kLanes * kChains * static_cast<double>(iterations) / seconds / 1e9;
}

}  // namespace

// fmaPeak({ iterations, threads }): the best of 5 rounds in which `threads` threads start the FMA loop
// together (a barrier) and their GFLOP/s are summed: the peak of that many cores at once.
Napi::Value FmaPeak(const Napi::CallbackInfo& info) {
  Napi::Object options = objectArg(info, 0, "options");
  int64_t iterations = intField(options, "iterations");
  int threads = static_cast<int>(intField(options, "threads"));
  double best = 0;
  for (int round = 0; round < 5; round++) {
    double total = 0;
#pragma omp parallel num_threads(threads) reduction(+ : total)
    {
#pragma omp barrier
      total += fmaGflops(iterations);
    }
    best = std::max(best, total);
  }
  return Napi::Number::New(info.Env(), best);
}

}  // namespace d2l
