// The sigmoid, and activation gradients in one pass each. tfjs computes the
// gradients from generic ops: ReLU's as dy · cast(step(x)) (three passes over
// the activations), the sigmoid's as dy · y · (1 − y) (three more).
#include <cmath>
#include <cstring>
#include <vector>

#include "common.h"

namespace d2l {
namespace {

uint32_t bitsOf(float f) {
  uint32_t u;
  std::memcpy(&u, &f, sizeof u);
  return u;
}

float floatOf(uint32_t u) {
  float f;
  std::memcpy(&f, &u, sizeof f);
  return f;
}

// The algorithm of the kernel tfjs's wasm backend runs (XNNPACK's wasmsimd
// rr2_p5_div sigmoid): e^−|x| from a degree-5 polynomial after a two-step range
// reduction, then e / (1 + e), mirrored for x ≥ 0. Each operation is the one
// wasm performs, in its order, and the build keeps a·b + c rounded twice as
// wasm does, so every float input gives wasm's output bit for bit. Other
// formulas move trained weights: 1 / (1 + expf(−x)) differs from wasm in the
// last bit for 17.7 % of 16.8 M sampled inputs, and oneDNN's logistic differs
// too (its rate was not measured; docs/bench.md).
inline float wasmSigmoid(float x) {
  const float magicBias = 0x1.8000FEp23f, minusLog2e = -0x1.715476p0f;
  const float ln2Hi = 0x1.62E400p-1f, ln2Lo = 0x1.7F7D1Cp-20f;
  const float c5 = -0x1.0F9F9Cp-7f, c4 = 0x1.573A1Ap-5f, c3 = -0x1.555A80p-3f, c2 = 0x1.FFFDC6p-2f,
              c1 = -0x1.FFFFF6p-1f;
  const float denormCutoff = 0x1.5D589Ep+6f;  // the largest z whose e^−z is a normal float
  const float z = std::fabs(x);
  float n = z * minusLog2e + magicBias;
  const float s = floatOf(bitsOf(n) << 23);  // 2^n, n in the low mantissa bits
  n -= magicBias;
  float t = n * ln2Hi + z;
  t = n * ln2Lo + t;
  float p = t * c5 + c4;
  p = t * p + c3;
  p = t * p + c2;
  p = t * p + c1;
  t *= s;
  const float e = t * p + s;
  float f = e / (e + 1.f);
  if (z > denormCutoff) f = 0.f;
  return (bitsOf(x) >> 31) ? f : 1.f - f;
}

}  // namespace

// sigmoid(x, y, { size }): y = 1 / (1 + e^−x), as wasm's kernel computes it (wasmSigmoid).
// wasm's took 1.4 ms for LeNet's first activation, [256,28,28,6].
Napi::Value Sigmoid(const Napi::CallbackInfo& info) {
  int64_t n = intField(objectArg(info, 2, "shape"), "size");
  const float* x = floatArg(info, 0, "x", n).data;
  float* y = floatArg(info, 1, "y", n).data;
#pragma omp parallel for simd schedule(static) num_threads(threadsForElements(n))
  for (int64_t i = 0; i < n; i++) y[i] = wasmSigmoid(x[i]);
  return info.Env().Undefined();
}

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
