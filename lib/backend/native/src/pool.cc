// Max and average pooling on NHWC and their gradients, with the cpu
// backend's rules: a max-pool gradient goes to the first maximum of its
// window in row-major order; average pooling divides by the window's cells
// inside the image, its gradient by the full window (as tfjs's cpu backend
// does). Loops run over whole channel vectors, which the compiler vectorises.
#include <omp.h>

#include <algorithm>
#include <cstring>
#include <climits>
#include <limits>

#include "common.h"

namespace d2l {
namespace {

struct Geometry {
  int64_t n, ih, iw, c, oh, ow, kh, kw, sh, sw, pt, pl;

  static Geometry read(const Napi::Object& g) {
    return {intField(g, "n"),  intField(g, "ih"), intField(g, "iw"), intField(g, "c"),
            intField(g, "oh"), intField(g, "ow"), intField(g, "kh"), intField(g, "kw"),
            intField(g, "sh"), intField(g, "sw"), intField(g, "pt", true), intField(g, "pl", true)};
  }
  size_t inSize() const { return n * ih * iw * c; }
  size_t outSize() const { return n * oh * ow * c; }
  // Every output reads its window: that, not the input, is the work.
  int threads() const { return threadsForElements(static_cast<double>(outSize()) * kh * kw); }
};

// The window of output (oy, ox), clipped to the image: rows [h0, h1), columns [w0, w1).
struct Window {
  int64_t h0, h1, w0, w1;
  Window(const Geometry& g, int64_t oy, int64_t ox) {
    int64_t top = oy * g.sh - g.pt, left = ox * g.sw - g.pl;
    h0 = std::max<int64_t>(0, top);
    h1 = std::min(g.ih, top + g.kh);
    w0 = std::max<int64_t>(0, left);
    w1 = std::min(g.iw, left + g.kw);
  }
};

// Calls visit(out, in, window) for every output channel vector and its window's input channel vectors;
// `begin` starts an output, `end` finishes it with its window.
template <typename Begin, typename Visit, typename End>
void forEachWindow(const Geometry& g, const float* x, float* y, Begin begin, Visit visit, End end) {
#pragma omp parallel for collapse(2) num_threads(g.threads())
  for (int64_t n = 0; n < g.n; n++) {
    for (int64_t oy = 0; oy < g.oh; oy++) {
      const float* image = x + n * g.ih * g.iw * g.c;
      for (int64_t ox = 0; ox < g.ow; ox++) {
        float* out = y + ((n * g.oh + oy) * g.ow + ox) * g.c;
        begin(out);
        Window win(g, oy, ox);
        for (int64_t h = win.h0; h < win.h1; h++)
          for (int64_t w = win.w0; w < win.w1; w++) visit(out, image + (h * g.iw + w) * g.c);
        end(out, win);
      }
    }
  }
}

}  // namespace

// maxPool(x, y, geometry)
Napi::Value MaxPool(const Napi::CallbackInfo& info) {
  Geometry g = Geometry::read(objectArg(info, 2, "geometry"));
  const float* x = floatArg(info, 0, "x", g.inSize()).data;
  float* y = floatArg(info, 1, "y", g.outSize()).data;
  const int64_t c = g.c;
  forEachWindow(
      g, x, y, [c](float* out) { std::fill(out, out + c, -std::numeric_limits<float>::infinity()); },
      [c](float* out, const float* in) {
        for (int64_t k = 0; k < c; k++) out[k] = in[k] > out[k] ? in[k] : out[k];
      },
      [](float*, const Window&) {});
  return info.Env().Undefined();
}

// maxPoolGrad(dy, x, dx, geometry)
Napi::Value MaxPoolGrad(const Napi::CallbackInfo& info) {
  Geometry g = Geometry::read(objectArg(info, 3, "geometry"));
  if (g.ih * g.iw * g.c > INT32_MAX) throw Napi::RangeError::New(info.Env(), "native maxPoolGrad: an image of over 2^31 values");
  const float* dy = floatArg(info, 0, "dy", g.outSize()).data;
  const float* x = floatArg(info, 1, "x", g.inSize()).data;
  float* dx = floatArg(info, 2, "dx", g.inSize()).data;
  std::memset(dx, 0, g.inSize() * sizeof(float));
  // Windows overlap only within one image, so images are independent.
#pragma omp parallel num_threads(g.threads())
  {
    std::vector<float> best(g.c);
    std::vector<int32_t> where(g.c);  // offset in the image; 32-bit so the select vectorises
#pragma omp for
    for (int64_t n = 0; n < g.n; n++) {
      const float* image = x + n * g.ih * g.iw * g.c;
      float* grad = dx + n * g.ih * g.iw * g.c;
      for (int64_t oy = 0; oy < g.oh; oy++)
        for (int64_t ox = 0; ox < g.ow; ox++) {
          Window win(g, oy, ox);
          std::fill(best.begin(), best.end(), -std::numeric_limits<float>::infinity());
          std::fill(where.begin(), where.end(), -1);
          for (int64_t h = win.h0; h < win.h1; h++)
            for (int64_t w = win.w0; w < win.w1; w++) {
              const int32_t pixel = static_cast<int32_t>((h * g.iw + w) * g.c);
              const float* in = image + pixel;
              float* bestp = best.data();
              int32_t* wherep = where.data();
#pragma omp simd
              for (int32_t c = 0; c < static_cast<int32_t>(g.c); c++) {
                bool better = in[c] > bestp[c];
                bestp[c] = better ? in[c] : bestp[c];
                wherep[c] = better ? pixel + c : wherep[c];
              }
            }
          const float* d = dy + ((n * g.oh + oy) * g.ow + ox) * g.c;
          for (int64_t c = 0; c < g.c; c++)
            if (where[c] >= 0) grad[where[c]] += d[c];
        }
    }
  }
  return info.Env().Undefined();
}

// avgPool(x, y, geometry)
Napi::Value AvgPool(const Napi::CallbackInfo& info) {
  Geometry g = Geometry::read(objectArg(info, 2, "geometry"));
  const float* x = floatArg(info, 0, "x", g.inSize()).data;
  float* y = floatArg(info, 1, "y", g.outSize()).data;
  const int64_t c = g.c;
  forEachWindow(
      g, x, y, [c](float* out) { std::fill(out, out + c, 0.f); },
      [c](float* out, const float* in) {
        for (int64_t k = 0; k < c; k++) out[k] += in[k];
      },
      [c](float* out, const Window& win) {
        float scale = 1.f / static_cast<float>((win.h1 - win.h0) * (win.w1 - win.w0));
        for (int64_t k = 0; k < c; k++) out[k] *= scale;
      });
  return info.Env().Undefined();
}

// avgPoolGrad(dy, dx, geometry)
Napi::Value AvgPoolGrad(const Napi::CallbackInfo& info) {
  Geometry g = Geometry::read(objectArg(info, 2, "geometry"));
  const float* dy = floatArg(info, 0, "dy", g.outSize()).data;
  float* dx = floatArg(info, 1, "dx", g.inSize()).data;
  std::memset(dx, 0, g.inSize() * sizeof(float));
  float scale = 1.f / static_cast<float>(g.kh * g.kw);
#pragma omp parallel for num_threads(g.threads())
  for (int64_t n = 0; n < g.n; n++) {
    float* grad = dx + n * g.ih * g.iw * g.c;
    for (int64_t oy = 0; oy < g.oh; oy++)
      for (int64_t ox = 0; ox < g.ow; ox++) {
        Window win(g, oy, ox);
        const float* d = dy + ((n * g.oh + oy) * g.ow + ox) * g.c;
        for (int64_t h = win.h0; h < win.h1; h++)
          for (int64_t w = win.w0; w < win.w1; w++) {
            float* out = grad + (h * g.iw + w) * g.c;
            for (int64_t c = 0; c < g.c; c++) out[c] += d[c] * scale;
          }
      }
  }
  return info.Env().Undefined();
}

}  // namespace d2l
