// A convolution on small output images as im2col and one oneDNN matrix
// product. oneDNN's direct kernels block along the output row, so on AlexNet@68's
// 3×3 images they run at 37–53 % of the FMA peak; laid out as im2col, the whole
// batch is one product of (batch·oh·ow) × (kh·kw·ic) by oc, which runs near the
// matmul roof (scripts/bench/conv-as-matmul.cc and docs/bench.md measure both):
//   forward          y  = col(x) · W         (W is tfjs's HWIO array, as it is)
//   backward data    dx = col2im(dy · Wᵀ)
//   backward weights dW = col(x)ᵀ · dy,  dBias = Σ rows of dy
// im2col and col2im split the batch between threads by image, and each image is
// summed in a fixed order, so the thread count does not change what they give.
#include <omp.h>

#include <algorithm>
#include <cstring>
#include <vector>

#include "conv_geometry.h"

namespace d2l {
namespace {

// conv-as-matmul measured the product ahead in every direction at 2×2 and 3×3 output images (1.08–2.70×),
// mixed at 4×4 and behind at 5×5 and at 1×1 (where a 3×3 filter reads mostly padding), so the bound to set
// is 9 pixels. It is off (0) by default until the notebooks, whose prose states their results to the
// digit, are re-executed and re-written on its rounding.
constexpr int64_t kMinPixels = 4;
int64_t maxPixels = 0;

struct Built {
  dnnl::matmul primitive;
  dnnl::memory::desc scratchpadDesc;
  std::string implementation;
};

PrimitiveCache<Built> cache(kCacheCapacity);

int64_t rows(const Geometry& g) { return g.n * g.oh * g.ow; }      // one per output pixel
int64_t depth(const Geometry& g) { return g.kh * g.kw * g.ic; }  // (ky, kx, channel) along each row

// A row-major [r, c] matrix, or (transposed) the [c, r] one read as its transpose.
dnnl::memory::desc matrix(int64_t r, int64_t c, bool transposed = false) {
  return {{r, c}, dt::f32, transposed ? tag::ba : tag::ab};
}

// The filter tap (ky, kx) of output pixel (y, x) reads input pixel (iy, ix), or padding when it is off the image.
template <typename Visit>
void forEachTap(const Geometry& g, int64_t y, int64_t x, Visit visit) {
  for (int64_t ky = 0; ky < g.kh; ky++)
    for (int64_t kx = 0; kx < g.kw; kx++) {
      int64_t iy = y * g.sh - g.pt + ky * g.dh, ix = x * g.sw - g.pl + kx * g.dw;
      bool inside = iy >= 0 && iy < g.ih && ix >= 0 && ix < g.iw;
      visit(ky * g.kw + kx, inside ? iy * g.iw + ix : -1);
    }
}

float* columns(const Geometry& g) { return columnsBuffer(static_cast<size_t>(rows(g) * depth(g))); }

void im2col(const Geometry& g, const float* x, float* col) {
  const int64_t rowLength = depth(g);
#pragma omp parallel for schedule(static)
  for (int64_t b = 0; b < g.n; b++) {
    const float* image = x + b * g.ih * g.iw * g.ic;
    for (int64_t y = 0; y < g.oh; y++)
      for (int64_t xo = 0; xo < g.ow; xo++) {
        float* row = col + ((b * g.oh + y) * g.ow + xo) * rowLength;
        forEachTap(g, y, xo, [&](int64_t tap, int64_t pixel) {
          float* target = row + tap * g.ic;
          if (pixel < 0)
            std::memset(target, 0, g.ic * sizeof(float));
          else
            std::memcpy(target, image + pixel * g.ic, g.ic * sizeof(float));
        });
      }
  }
}

// The adjoint of im2col: each image's rows add into that image's dx only.
void col2im(const Geometry& g, const float* col, float* dx) {
  const int64_t rowLength = depth(g), imageSize = g.ih * g.iw * g.ic;
#pragma omp parallel for schedule(static)
  for (int64_t b = 0; b < g.n; b++) {
    float* image = dx + b * imageSize;
    std::fill(image, image + imageSize, 0.0f);
    for (int64_t y = 0; y < g.oh; y++)
      for (int64_t xo = 0; xo < g.ow; xo++) {
        const float* row = col + ((b * g.oh + y) * g.ow + xo) * rowLength;
        forEachTap(g, y, xo, [&](int64_t tap, int64_t pixel) {
          if (pixel < 0) return;
          const float* source = row + tap * g.ic;
          float* target = image + pixel * g.ic;
          for (int64_t c = 0; c < g.ic; c++) target[c] += source[c];
        });
      }
  }
}

// Column sums of dy in double, row by row: the same order on any thread count.
void sumRowsInOrder(const float* dy, int64_t rowCount, int64_t cols, float* out) {
  std::vector<double> total(cols, 0.0);
  for (int64_t r = 0; r < rowCount; r++)
    for (int64_t c = 0; c < cols; c++) total[c] += dy[r * cols + c];
  for (int64_t c = 0; c < cols; c++) out[c] = static_cast<float>(total[c]);
}

const Built& product(const std::string& id, const dnnl::memory::desc& a, const dnnl::memory::desc& b,
                     const dnnl::memory::desc& c, bool bias, int activation, float alpha) {
  return cache.get(id, [&] {
    dnnl::primitive_attr attr;
    attr.set_scratchpad_mode(dnnl::scratchpad_mode::user);
    dnnl::post_ops ops;
    appendActivation(ops, activation, alpha);
    attr.set_post_ops(ops);
    auto desc = bias ? dnnl::matmul::desc(a, b, matrix(1, c.dims()[1]), c) : dnnl::matmul::desc(a, b, c);
    dnnl::matmul::primitive_desc pd(desc, attr, cpuEngine());
    return Built{dnnl::matmul(pd), pd.scratchpad_desc(), std::string("im2col+") + pd.impl_info_str()};
  });
}

void run(const Built& built, const dnnl::memory::desc& a, float* aData, const dnnl::memory::desc& b, float* bData,
         const dnnl::memory::desc& c, float* cData, float* bias = nullptr) {
  std::unordered_map<int, dnnl::memory> args{
      {DNNL_ARG_SRC, dnnl::memory(a, cpuEngine(), aData)},
      {DNNL_ARG_WEIGHTS, dnnl::memory(b, cpuEngine(), bData)},
      {DNNL_ARG_DST, dnnl::memory(c, cpuEngine(), cData)},
      {DNNL_ARG_SCRATCHPAD,
       dnnl::memory(built.scratchpadDesc, cpuEngine(), scratchpad(built.scratchpadDesc.get_size()))}};
  if (bias != nullptr) args.emplace(DNNL_ARG_BIAS, dnnl::memory(matrix(1, c.dims()[1]), cpuEngine(), bias));
  built.primitive.execute(cpuStream(), args);
  cpuStream().wait();
}

}  // namespace

bool runsAsProduct(const Geometry& g) {
  int64_t pixels = g.oh * g.ow;
  return pixels >= kMinPixels && pixels <= maxPixels;
}
void setConvAsProductMaxPixels(int64_t pixels) { maxPixels = pixels; }
int64_t convAsProductMaxPixels() { return maxPixels; }
CacheStats convProductCacheStats() { return {cache.size(), cache.hits(), cache.misses()}; }
void clearConvProductCache() { cache.clear(); }

std::string productForward(const Geometry& g, const float* x, float* w, float* bias, float* y, int activation,
                           float alpha) {
  const int64_t m = rows(g), k = depth(g), n = g.oc;
  float* col = columns(g);
  im2col(g, x, col);
  auto a = matrix(m, k), b = matrix(k, n), c = matrix(m, n);
  const Built& built = product("fwd" + g.id(false) + key({bias != nullptr, activation}) + std::to_string(alpha), a,
                               b, c, bias != nullptr, activation, alpha);
  run(built, a, col, b, w, c, y, bias);
  return built.implementation;
}

std::string productBackwardData(const Geometry& g, float* dy, float* w, float* dx) {
  const int64_t m = rows(g), k = g.oc, n = depth(g);
  float* col = columns(g);
  auto a = matrix(m, k), b = matrix(k, n, true), c = matrix(m, n);
  const Built& built = product("bwd_data" + g.id(false), a, b, c, false, 0, 0.f);
  run(built, a, dy, b, w, c, col);
  col2im(g, col, dx);
  return built.implementation;
}

std::string productBackwardWeights(const Geometry& g, const float* x, float* dy, float* dw, float* dBias) {
  const int64_t m = depth(g), k = rows(g), n = g.oc;
  float* col = columns(g);
  im2col(g, x, col);
  auto a = matrix(m, k, true), b = matrix(k, n), c = matrix(m, n);
  const Built& built = product("bwd_weights" + g.id(false), a, b, c, false, 0, 0.f);
  run(built, a, col, b, dy, c, dw);
  if (dBias != nullptr) sumRowsInOrder(dy, k, n, dBias);
  return built.implementation;
}

}  // namespace d2l
