// Activation gradients in one pass each. tfjs computes them from generic
// ops: ReLU's as dy · cast(step(x)) (three passes over the activations),
// the sigmoid's as dy · y · (1 − y) (three more).
#include "common.h"

namespace d2l {

// reluGrad(dy, x, dx, { size }): dx = x > 0 ? dy : 0
Napi::Value ReluGrad(const Napi::CallbackInfo& info) {
  int64_t n = intField(objectArg(info, 3, "shape"), "size");
  const float* dy = floatArg(info, 0, "dy", n).data;
  const float* x = floatArg(info, 1, "x", n).data;
  float* dx = floatArg(info, 2, "dx", n).data;
#pragma omp parallel for simd schedule(static)
  for (int64_t i = 0; i < n; i++) dx[i] = x[i] > 0.f ? dy[i] : 0.f;
  return info.Env().Undefined();
}

// sigmoidGrad(dy, y, dx, { size }): dx = dy · y · (1 − y), y the sigmoid's output
Napi::Value SigmoidGrad(const Napi::CallbackInfo& info) {
  int64_t n = intField(objectArg(info, 3, "shape"), "size");
  const float* dy = floatArg(info, 0, "dy", n).data;
  const float* y = floatArg(info, 1, "y", n).data;
  float* dx = floatArg(info, 2, "dx", n).data;
#pragma omp parallel for simd schedule(static)
  for (int64_t i = 0; i < n; i++) dx[i] = dy[i] * (y[i] * (1.f - y[i]));
  return info.Env().Undefined();
}

}  // namespace d2l
