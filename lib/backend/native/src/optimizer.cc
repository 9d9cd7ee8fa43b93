// Optimizer updates in one pass over the weights, written in place. tfjs's
// SGD makes two passes (multiply, then add into a new tensor) and its Adam
// about ten; on AlexNet's 46.8 M weights each pass streams 187 MB. The
// arithmetic follows tfjs's order in float32 (the build does not contract
// a·b + c into one rounding), so results match its optimizers bit for bit.
#include <cmath>

#include "common.h"

namespace d2l {

namespace {
double numberField(const Napi::Object& object, const char* field) {
  Napi::Value value = object.Get(field);
  double number = value.IsNumber() ? value.As<Napi::Number>().DoubleValue() : NAN;
  if (!std::isfinite(number)) {
    throw Napi::RangeError::New(object.Env(), std::string("native optimizer: ") + field + " must be a finite number");
  }
  return number;
}
}  // namespace

// sgdUpdate(w, g, { size, lr }): w = (−lr)·g + w
Napi::Value SgdUpdate(const Napi::CallbackInfo& info) {
  Napi::Object options = objectArg(info, 2, "options");
  int64_t n = intField(options, "size");
  const float c = static_cast<float>(-numberField(options, "lr"));
  float* w = floatArg(info, 0, "w", n).data;
  const float* g = floatArg(info, 1, "g", n).data;
#pragma omp parallel for simd schedule(static) num_threads(threadsForElements(n))
  for (int64_t i = 0; i < n; i++) w[i] = c * g[i] + w[i];
  return info.Env().Undefined();
}

// adamUpdate(w, g, m, v, { size, lr, beta1, beta2, epsilon, accBeta1, accBeta2 }), tfjs's AdamOptimizer step:
// m = β1·m + (1−β1)·g; v = β2·v + (1−β2)·g²; w = (m / (1−β1ᵗ)) / (√(v / (1−β2ᵗ)) + ε) · (−lr) + w
Napi::Value AdamUpdate(const Napi::CallbackInfo& info) {
  Napi::Object options = objectArg(info, 4, "options");
  int64_t n = intField(options, "size");
  const float lr = static_cast<float>(numberField(options, "lr"));
  const double beta1d = numberField(options, "beta1"), beta2d = numberField(options, "beta2");
  const float beta1 = static_cast<float>(beta1d), beta2 = static_cast<float>(beta2d);
  // tfjs computes 1 − β in double, then makes it a float32 scalar.
  const float oneMinusBeta1 = static_cast<float>(1.0 - beta1d), oneMinusBeta2 = static_cast<float>(1.0 - beta2d);
  const float epsilon = static_cast<float>(numberField(options, "epsilon"));
  const float oneMinusAcc1 = 1.f - static_cast<float>(numberField(options, "accBeta1"));
  const float oneMinusAcc2 = 1.f - static_cast<float>(numberField(options, "accBeta2"));
  float* w = floatArg(info, 0, "w", n).data;
  const float* g = floatArg(info, 1, "g", n).data;
  float* m = floatArg(info, 2, "m", n).data;
  float* v = floatArg(info, 3, "v", n).data;
#pragma omp parallel for simd schedule(static) num_threads(threadsForElements(n))
  for (int64_t i = 0; i < n; i++) {
    const float mi = m[i] * beta1 + g[i] * oneMinusBeta1;
    const float vi = v[i] * beta2 + (g[i] * g[i]) * oneMinusBeta2;
    m[i] = mi;
    v[i] = vi;
    w[i] = ((mi / oneMinusAcc1) / (std::sqrt(vi / oneMinusAcc2) + epsilon)) * -lr + w[i];
  }
  return info.Env().Undefined();
}

}  // namespace d2l
