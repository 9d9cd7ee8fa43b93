// Activation gradients in one pass each. tfjs computes them from generic
// ops: ReLU's as dy · cast(step(x)) (three passes over the activations),
// the sigmoid's as dy · y · (1 − y) (three more).
#include <vector>

#include "common.h"

namespace d2l {

// reluGrad(dy, x, dx, { size }): dx = x > 0 ? dy : 0
Napi::Value ReluGrad(const Napi::CallbackInfo& info) {
  int64_t n = intField(objectArg(info, 3, "shape"), "size");
  const float* dy = floatArg(info, 0, "dy", n).data;
  const float* x = floatArg(info, 1, "x", n).data;
  float* dx = floatArg(info, 2, "dx", n).data;
#pragma omp parallel for simd schedule(static) num_threads(threadsForElements(n))
  for (int64_t i = 0; i < n; i++) dx[i] = x[i] > 0.f ? dy[i] : 0.f;
  return info.Env().Undefined();
}

// sigmoidGrad(dy, y, dx, { size }): dx = dy · y · (1 − y), y the sigmoid's output
Napi::Value SigmoidGrad(const Napi::CallbackInfo& info) {
  int64_t n = intField(objectArg(info, 3, "shape"), "size");
  const float* dy = floatArg(info, 0, "dy", n).data;
  const float* y = floatArg(info, 1, "y", n).data;
  float* dx = floatArg(info, 2, "dx", n).data;
#pragma omp parallel for simd schedule(static) num_threads(threadsForElements(n))
  for (int64_t i = 0; i < n; i++) dx[i] = dy[i] * (y[i] * (1.f - y[i]));
  return info.Env().Undefined();
}

}  // namespace d2l

namespace d2l {

namespace {
enum class BinaryOp { add = 0, sub = 1, mul = 2 };

template <typename F>
void broadcastLoop(const float* a, const float* b, float* out, int64_t n, int64_t bSize, F f) {
  const int threads = threadsForElements(n);
  if (bSize == n) {
#pragma omp parallel for simd schedule(static) num_threads(threads)
    for (int64_t i = 0; i < n; i++) out[i] = f(a[i], b[i]);
  } else if (bSize == 1) {
    const float s = b[0];
#pragma omp parallel for simd schedule(static) num_threads(threads)
    for (int64_t i = 0; i < n; i++) out[i] = f(a[i], s);
  } else {
    // b repeats along the last axis: out[r, c] = f(a[r, c], b[c]). Rows go in groups
    // (rowsPerGroup) against b repeated as often, then the rows left over one at a time.
    const int64_t group = rowsPerGroup(bSize), width = group * bSize, groups = n / width;
    std::vector<float> repeated(width);
    for (int64_t i = 0; i < width; i++) repeated[i] = b[i % bSize];
    const float* wide = repeated.data();
#pragma omp parallel for schedule(static) num_threads(threads)
    for (int64_t r = 0; r < groups; r++) {
      const float* ar = a + r * width;
      float* outr = out + r * width;
#pragma omp simd
      for (int64_t c = 0; c < width; c++) outr[c] = f(ar[c], wide[c]);
    }
    for (int64_t i = groups * width; i < n; i++) out[i] = f(a[i], b[i % bSize]);
  }
}
}  // namespace

// binary(a, b, out, { op, size, bSize }): out = a op b, b the same size as a, a scalar, or one row repeated
Napi::Value Binary(const Napi::CallbackInfo& info) {
  Napi::Object shape = objectArg(info, 3, "shape");
  int64_t op = intField(shape, "op", true), n = intField(shape, "size"), bSize = intField(shape, "bSize");
  if (n % bSize != 0) throw Napi::RangeError::New(info.Env(), "native binary op: bSize must divide size");
  const float* a = floatArg(info, 0, "a", n).data;
  const float* b = floatArg(info, 1, "b", bSize).data;
  float* out = floatArg(info, 2, "out", n).data;
  switch (static_cast<BinaryOp>(op)) {
    case BinaryOp::add: broadcastLoop(a, b, out, n, bSize, [](float x, float y) { return x + y; }); break;
    case BinaryOp::sub: broadcastLoop(a, b, out, n, bSize, [](float x, float y) { return x - y; }); break;
    case BinaryOp::mul: broadcastLoop(a, b, out, n, bSize, [](float x, float y) { return x * y; }); break;
    default: throw Napi::RangeError::New(info.Env(), "native binary op: unknown op " + std::to_string(op));
  }
  return info.Env().Undefined();
}

}  // namespace d2l
