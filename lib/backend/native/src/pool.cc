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
#include <type_traits>
#include <vector>

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

// The kernels take the channel count as a template argument, 0 meaning "read it from the
// geometry", and read it inside their OpenMP region: GCC outlines a region before it
// propagates constants, so a count fixed outside arrives there as a run-time value. With 6
// channels a run-time count kept the loops scalar: LeNet's first average pool, [256,28,28,6],
// took 1.6 ms, and takes 0.9–1.1 ms with the count fixed (tf.profile medians, 2 threads).
template <int64_t Fixed>
inline int64_t channelsOf(const Geometry& g) {
  return Fixed > 0 ? Fixed : g.c;
}

// Calls body(integral_constant<Fixed>) with the count fixed for the few small ones (LeNet's
// 6 and 16 among them), 0 otherwise.
template <typename Body>
void withChannels(int64_t c, Body body) {
  switch (c) {
    case 1: return body(std::integral_constant<int64_t, 1>{});
    case 2: return body(std::integral_constant<int64_t, 2>{});
    case 3: return body(std::integral_constant<int64_t, 3>{});
    case 4: return body(std::integral_constant<int64_t, 4>{});
    case 6: return body(std::integral_constant<int64_t, 6>{});
    case 8: return body(std::integral_constant<int64_t, 8>{});
    case 16: return body(std::integral_constant<int64_t, 16>{});
    default: return body(std::integral_constant<int64_t, 0>{});
  }
}

// Every output window of x in turn: out = start, then out = combine(out, in) over the window's
// cells row by row (the order these loops have always used, so trained weights do not move),
// then finish(out, c, window). Max and average pooling differ only in the three.
template <int64_t Fixed, typename Combine, typename Finish>
void reduceWindows(const Geometry& g, const float* x, float* y, float start, Combine combine, Finish finish) {
#pragma omp parallel for collapse(2) num_threads(g.threads())
  for (int64_t n = 0; n < g.n; n++)
    for (int64_t oy = 0; oy < g.oh; oy++) {
      const int64_t c = channelsOf<Fixed>(g);
      const float* image = x + n * g.ih * g.iw * c;
      for (int64_t ox = 0; ox < g.ow; ox++) {
        float* out = y + ((n * g.oh + oy) * g.ow + ox) * c;
        for (int64_t k = 0; k < c; k++) out[k] = start;
        const Window win(g, oy, ox);
        for (int64_t h = win.h0; h < win.h1; h++)
          for (int64_t w = win.w0; w < win.w1; w++) {
            const float* in = image + (h * g.iw + w) * c;
            for (int64_t k = 0; k < c; k++) out[k] = combine(out[k], in[k]);
          }
        finish(out, c, win);
      }
    }
}

template <int64_t Fixed>
void maxPool(const Geometry& g, const float* x, float* y) {
  reduceWindows<Fixed>(
      g, x, y, -std::numeric_limits<float>::infinity(), [](float best, float v) { return v > best ? v : best; },
      [](float*, int64_t, const Window&) {});
}

template <int64_t Fixed>
void maxPoolGrad(const Geometry& g, const float* dy, const float* x, float* dx) {
  // Windows overlap only within one image, so images are independent.
#pragma omp parallel num_threads(g.threads())
  {
    const int32_t c = static_cast<int32_t>(channelsOf<Fixed>(g));  // 32-bit, as the offsets, so the select vectorises
    std::vector<float> best(c);
    std::vector<int32_t> where(c);  // offset in the image
    float* bestp = best.data();
    int32_t* wherep = where.data();
#pragma omp for
    for (int64_t n = 0; n < g.n; n++) {
      const float* image = x + n * g.ih * g.iw * c;
      float* grad = dx + n * g.ih * g.iw * c;
      for (int64_t oy = 0; oy < g.oh; oy++)
        for (int64_t ox = 0; ox < g.ow; ox++) {
          const Window win(g, oy, ox);
          for (int32_t k = 0; k < c; k++) bestp[k] = -std::numeric_limits<float>::infinity();
          for (int32_t k = 0; k < c; k++) wherep[k] = -1;
          for (int64_t h = win.h0; h < win.h1; h++)
            for (int64_t w = win.w0; w < win.w1; w++) {
              const int32_t pixel = static_cast<int32_t>((h * g.iw + w) * c);
              const float* in = image + pixel;
#pragma omp simd
              for (int32_t k = 0; k < c; k++) {
                bool better = in[k] > bestp[k];
                bestp[k] = better ? in[k] : bestp[k];
                wherep[k] = better ? pixel + k : wherep[k];
              }
            }
          const float* d = dy + ((n * g.oh + oy) * g.ow + ox) * c;
          for (int32_t k = 0; k < c; k++)
            if (wherep[k] >= 0) grad[wherep[k]] += d[k];
        }
    }
  }
}

template <int64_t Fixed>
void avgPool(const Geometry& g, const float* x, float* y) {
  reduceWindows<Fixed>(
      g, x, y, 0.f, [](float sum, float v) { return sum + v; },
      [](float* out, int64_t c, const Window& win) {
        const float scale = 1.f / static_cast<float>((win.h1 - win.h0) * (win.w1 - win.w0));
        for (int64_t k = 0; k < c; k++) out[k] *= scale;
      });
}

// Each output row's gradient is spread over the columns of one row buffer, which is then added
// to each input row of the window: 0.6 ms for LeNet's first pool against 1.1 ms window by window.
// Where windows do not overlap (LeNet's 2×2/2, NiN's global pool) every input cell gets one
// term either way, so the result is the same to the bit; overlapping windows add theirs in
// another order.
template <int64_t Fixed>
void avgPoolGrad(const Geometry& g, const float* dy, float* dx) {
  const float scale = 1.f / static_cast<float>(g.kh * g.kw);
  // Windows may share rows of one image (kh > sh), so images, not rows, are split between threads.
#pragma omp parallel num_threads(g.threads())
  {
    const int64_t c = channelsOf<Fixed>(g), rowSize = g.iw * c;
    std::vector<float> rowGrad(rowSize);
    float* spread = rowGrad.data();
#pragma omp for
    for (int64_t n = 0; n < g.n; n++) {
      float* image = dx + n * g.ih * rowSize;
      for (int64_t oy = 0; oy < g.oh; oy++) {
        std::fill(spread, spread + rowSize, 0.f);
        for (int64_t ox = 0; ox < g.ow; ox++) {
          const Window win(g, oy, ox);
          const float* d = dy + ((n * g.oh + oy) * g.ow + ox) * c;
          for (int64_t w = win.w0; w < win.w1; w++)
            for (int64_t k = 0; k < c; k++) spread[w * c + k] += d[k] * scale;
        }
        const Window rows(g, oy, 0);
        for (int64_t h = rows.h0; h < rows.h1; h++) {
          float* out = image + h * rowSize;
          for (int64_t i = 0; i < rowSize; i++) out[i] += spread[i];
        }
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
  withChannels(g.c, [&](auto fixed) { maxPool<decltype(fixed)::value>(g, x, y); });
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
  withChannels(g.c, [&](auto fixed) { maxPoolGrad<decltype(fixed)::value>(g, dy, x, dx); });
  return info.Env().Undefined();
}

// avgPool(x, y, geometry)
Napi::Value AvgPool(const Napi::CallbackInfo& info) {
  Geometry g = Geometry::read(objectArg(info, 2, "geometry"));
  const float* x = floatArg(info, 0, "x", g.inSize()).data;
  float* y = floatArg(info, 1, "y", g.outSize()).data;
  withChannels(g.c, [&](auto fixed) { avgPool<decltype(fixed)::value>(g, x, y); });
  return info.Env().Undefined();
}

// avgPoolGrad(dy, dx, geometry)
Napi::Value AvgPoolGrad(const Napi::CallbackInfo& info) {
  Geometry g = Geometry::read(objectArg(info, 2, "geometry"));
  const float* dy = floatArg(info, 0, "dy", g.outSize()).data;
  float* dx = floatArg(info, 1, "dx", g.inSize()).data;
  std::memset(dx, 0, g.inSize() * sizeof(float));
  withChannels(g.c, [&](auto fixed) { avgPoolGrad<decltype(fixed)::value>(g, dy, dx); });
  return info.Env().Undefined();
}

}  // namespace d2l
