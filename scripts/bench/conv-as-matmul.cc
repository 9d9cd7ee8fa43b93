// Would AlexNet@68's small convolutions run faster as one big matrix product?
// At 68×68 input, conv3–conv5 see 3×3 images, and oneDNN's direct kernels
// (which block along the output row, here 3 wide) run them at 37–53 % of the
// FMA peak in `bench-kernels --case alexnet68_b128 --peak`. Laid out as
// im2col, the whole batch is one product of (batch·3·3) × (3·3·channels) by
// channels: 1152 × 3456 × 384 for conv4. This times each direction both ways,
// on 1 and 2 threads, and prints how far the two results are apart:
//   forward          y  = col(x) · W                      (W is tfjs's HWIO, as it is)
//   backward data    dx = col2im(dy · Wᵀ)                  (a scatter-add, per image)
//   backward weights dW = col(x)ᵀ · dy
// Both ways include what the library pays per call today: the direct way
// reorders the filter to (or its gradient from) oneDNN's blocked layout, the
// product way builds col(x). It is the measurement that chose the library's
// src/conv_product.cc, which runs 2×2 to 3×3 output images this way.
//   g++ -O2 -std=c++17 -fopenmp -o /tmp/conv-as-matmul scripts/bench/conv-as-matmul.cc -ldnnl
//   OMP_WAIT_POLICY=PASSIVE /tmp/conv-as-matmul [--rounds 10] [--sweep]
#include <omp.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <vector>

#include "dnnl.hpp"

namespace {

using tag = dnnl::memory::format_tag;
using dt = dnnl::memory::data_type;
using dims = dnnl::memory::dims;

struct Layer {
  const char* name;
  int64_t n, in, ic, oc, k, pad;  // stride 1, square
  int64_t out() const { return in + 2 * pad - k + 1; }
  int64_t rows() const { return n * out() * out(); }  // M
  int64_t depth() const { return k * k * ic; }       // K
  double flops() const { return 2.0 * rows() * depth() * oc; }
};

// d2l's AlexNet at 68×68, batch 128: conv3–conv5 on 3×3 images, and conv2 on 7×7 for contrast.
const std::vector<Layer> kLayers = {{"conv3 256->384 on 3x3", 128, 3, 256, 384, 3, 1},
                         {"conv4 384->384 on 3x3", 128, 3, 384, 384, 3, 1},
                         {"conv5 384->256 on 3x3", 128, 3, 384, 256, 3, 1},
                         {"conv2 96->256 on 7x7", 128, 7, 96, 256, 5, 2}};

// --sweep: where the product stops paying, conv4's layer on 1×1 to 5×5 images, and two other 5×5 layers.
const std::vector<Layer> kSweep = {{"conv4 384->384 on 1x1", 128, 1, 384, 384, 3, 1},
                        {"conv4 384->384 on 2x2", 128, 2, 384, 384, 3, 1},
                        {"conv4 384->384 on 3x3", 128, 3, 384, 384, 3, 1},
                        {"conv4 384->384 on 4x4", 128, 4, 384, 384, 3, 1},
                        {"conv4 384->384 on 5x5", 128, 5, 384, 384, 3, 1},
                        {"256->384 on 5x5 b32", 32, 5, 256, 384, 3, 1},
                        {"96->256 k5 on 5x5", 128, 5, 96, 256, 5, 2}};

dnnl::engine& engine() {
  static dnnl::engine cpu(dnnl::engine::kind::cpu, 0);
  return cpu;
}
dnnl::stream& stream() {
  static dnnl::stream s(engine());
  return s;
}

double seconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

dnnl::memory wrap(const dnnl::memory::desc& desc, float* data) { return dnnl::memory(desc, engine(), data); }

// x (NHWC) to col: a row per output pixel, (ky, kx, channel) along it, zeros where the filter is off the image.
void im2col(const Layer& l, const float* x, float* col) {
  const int64_t o = l.out(), rowLength = l.depth();
#pragma omp parallel for schedule(static)
  for (int64_t b = 0; b < l.n; b++)
    for (int64_t y = 0; y < o; y++)
      for (int64_t xo = 0; xo < o; xo++) {
        float* row = col + ((b * o + y) * o + xo) * rowLength;
        for (int64_t ky = 0; ky < l.k; ky++)
          for (int64_t kx = 0; kx < l.k; kx++, row += l.ic) {
            int64_t iy = y - l.pad + ky, ix = xo - l.pad + kx;
            if (iy < 0 || iy >= l.in || ix < 0 || ix >= l.in)
              std::memset(row, 0, l.ic * sizeof(float));
            else
              std::memcpy(row, x + ((b * l.in + iy) * l.in + ix) * l.ic, l.ic * sizeof(float));
          }
      }
}

// The adjoint of im2col: each image's rows add into that image's dx only, in a fixed order.
void col2im(const Layer& l, const float* col, float* dx) {
  const int64_t o = l.out(), rowLength = l.depth();
#pragma omp parallel for schedule(static)
  for (int64_t b = 0; b < l.n; b++) {
    std::fill(dx + b * l.in * l.in * l.ic, dx + (b + 1) * l.in * l.in * l.ic, 0.0f);
    for (int64_t y = 0; y < o; y++)
      for (int64_t xo = 0; xo < o; xo++) {
        const float* row = col + ((b * o + y) * o + xo) * rowLength;
        for (int64_t ky = 0; ky < l.k; ky++)
          for (int64_t kx = 0; kx < l.k; kx++, row += l.ic) {
            int64_t iy = y - l.pad + ky, ix = xo - l.pad + kx;
            if (iy < 0 || iy >= l.in || ix < 0 || ix >= l.in) continue;
            float* target = dx + ((b * l.in + iy) * l.in + ix) * l.ic;
            for (int64_t c = 0; c < l.ic; c++) target[c] += row[c];
          }
      }
  }
}

// a (m×k, row-major, or its transpose stored k×m) times b (k×n, or its transpose stored n×k).
dnnl::matmul product(int64_t m, int64_t k, int64_t n, bool aTransposed, bool bTransposed) {
  dnnl::memory::desc a({m, k}, dt::f32, aTransposed ? tag::ba : tag::ab),
      b({k, n}, dt::f32, bTransposed ? tag::ba : tag::ab), c({m, n}, dt::f32, tag::ab);
  return dnnl::matmul(dnnl::matmul::primitive_desc(dnnl::matmul::desc(a, b, c), engine()));
}

void multiply(const dnnl::matmul& mm, int64_t m, int64_t k, int64_t n, bool aT, bool bT, float* a, float* b,
              float* c) {
  mm.execute(stream(), {{DNNL_ARG_SRC, wrap({{m, k}, dt::f32, aT ? tag::ba : tag::ab}, a)},
                        {DNNL_ARG_WEIGHTS, wrap({{k, n}, dt::f32, bT ? tag::ba : tag::ab}, b)},
                        {DNNL_ARG_DST, wrap({{m, n}, dt::f32, tag::ab}, c)}});
  stream().wait();
}

double maxRelativeGap(const std::vector<float>& a, const std::vector<float>& b) {
  double scale = 0, gap = 0;
  for (size_t i = 0; i < a.size(); i++) {
    scale = std::max(scale, static_cast<double>(std::fabs(a[i])));
    gap = std::max(gap, static_cast<double>(std::fabs(a[i] - b[i])));
  }
  return scale > 0 ? gap / scale : gap;
}

double medianTime(int rounds, const std::function<void()>& body) {
  body();  // warm-up
  std::vector<double> times;
  for (int r = 0; r < rounds; r++) {
    double start = seconds();
    body();
    times.push_back(seconds() - start);
  }
  std::sort(times.begin(), times.end());
  return times[times.size() / 2];
}

void compare(const Layer& l, int threads, int rounds) {
  omp_set_num_threads(threads);
  const int64_t o = l.out(), M = l.rows(), K = l.depth(), N = l.oc;
  dims strides{1, 1}, pad{l.pad, l.pad};
  dnnl::memory::desc src({l.n, l.ic, l.in, l.in}, dt::f32, tag::nhwc), dst({l.n, l.oc, o, o}, dt::f32, tag::nhwc),
      hwio({l.oc, l.ic, l.k, l.k}, dt::f32, tag::hwio), any({l.oc, l.ic, l.k, l.k}, dt::f32, tag::any);
  auto fwdDesc = dnnl::convolution_forward::desc(dnnl::prop_kind::forward_training,
                                                 dnnl::algorithm::convolution_direct, src, any, dst, strides, pad, pad);
  dnnl::convolution_forward::primitive_desc fwd(fwdDesc, engine());
  dnnl::convolution_backward_data::primitive_desc bwdData(
      dnnl::convolution_backward_data::desc(dnnl::algorithm::convolution_direct, src, any, dst, strides, pad, pad),
      engine(), fwd);
  dnnl::convolution_backward_weights::primitive_desc bwdWeights(
      dnnl::convolution_backward_weights::desc(dnnl::algorithm::convolution_direct, src, any, dst, strides, pad, pad),
      engine(), fwd);

  std::srand(1);
  auto random = [](size_t count) {
    std::vector<float> v(count);
    for (auto& x : v) x = static_cast<float>(std::rand()) / RAND_MAX - 0.5f;
    return v;
  };
  std::vector<float> x = random(src.get_size() / 4), dy = random(dst.get_size() / 4), w = random(K * N);
  std::vector<float> yDirect(M * N), yProduct(M * N), dxDirect(x.size()), dxProduct(x.size()), dwDirect(K * N),
      dwProduct(K * N), col(M * K), blocked(std::max(fwd.weights_desc().get_size(), hwio.get_size()) / 4);
  dnnl::convolution_forward fwdPrim(fwd);
  dnnl::convolution_backward_data dataPrim(bwdData);
  dnnl::convolution_backward_weights weightsPrim(bwdWeights);
  dnnl::memory userW = wrap(hwio, w.data()), userDw = wrap(hwio, dwDirect.data()),
               fwdW = wrap(fwd.weights_desc(), blocked.data()), dataW = wrap(bwdData.weights_desc(), blocked.data()),
               blockedDw = wrap(bwdWeights.diff_weights_desc(), blocked.data());
  dnnl::reorder toFwd(userW, fwdW), toData(userW, dataW), fromWeights(blockedDw, userDw);
  dnnl::matmul forwardProduct = product(M, K, N, false, false), dataProduct = product(M, N, K, false, true),
               weightsProduct = product(K, M, N, true, false);

  struct Direction {
    const char* name;
    const char* impl;  // oneDNN's direct kernel
    std::function<void()> direct, asProduct;
    const std::vector<float>*a, *b;
  } directions[] = {
      {"forward", fwd.impl_info_str(),
       [&] {
         toFwd.execute(stream(), userW, fwdW);
         fwdPrim.execute(stream(), {{DNNL_ARG_SRC, wrap(src, x.data())},
                                    {DNNL_ARG_WEIGHTS, fwdW},
                                    {DNNL_ARG_DST, wrap(dst, yDirect.data())}});
         stream().wait();
       },
       [&] {
         im2col(l, x.data(), col.data());
         multiply(forwardProduct, M, K, N, false, false, col.data(), w.data(), yProduct.data());
       },
       &yDirect, &yProduct},
      {"backward data", bwdData.impl_info_str(),
       [&] {
         toData.execute(stream(), userW, dataW);
         dataPrim.execute(stream(), {{DNNL_ARG_DIFF_DST, wrap(dst, dy.data())},
                                     {DNNL_ARG_WEIGHTS, dataW},
                                     {DNNL_ARG_DIFF_SRC, wrap(src, dxDirect.data())}});
         stream().wait();
       },
       [&] {
         multiply(dataProduct, M, N, K, false, true, dy.data(), w.data(), col.data());
         col2im(l, col.data(), dxProduct.data());
       },
       &dxDirect, &dxProduct},
      {"backward weights", bwdWeights.impl_info_str(),
       [&] {
         weightsPrim.execute(stream(), {{DNNL_ARG_SRC, wrap(src, x.data())},
                                        {DNNL_ARG_DIFF_DST, wrap(dst, dy.data())},
                                        {DNNL_ARG_DIFF_WEIGHTS, blockedDw}});
         fromWeights.execute(stream(), blockedDw, userDw);
         stream().wait();
       },
       [&] {
         im2col(l, x.data(), col.data());
         multiply(weightsProduct, K, M, N, true, false, col.data(), dy.data(), dwProduct.data());
       },
       &dwDirect, &dwProduct},
  };
  for (const Direction& d : directions) {
    double direct = medianTime(rounds, d.direct), asProduct = medianTime(rounds, d.asProduct);
    std::printf("%-22s %-16s %d thread%s: direct %6.2f ms (%s) | as a product %6.2f ms | %.2fx | gap %.1e\n",
                l.name, d.name, threads, threads == 1 ? " " : "s", direct * 1e3, d.impl, asProduct * 1e3, direct / asProduct, maxRelativeGap(*d.a, *d.b));
    std::fflush(stdout);
  }
}

}  // namespace

int main(int argc, char** argv) {
  int rounds = 10;
  bool sweep = false;
  for (int i = 1; i < argc; i++) {
    if (std::strcmp(argv[i], "--rounds") == 0 && i + 1 < argc && std::atoi(argv[i + 1]) > 0) {
      rounds = std::atoi(argv[++i]);
    } else if (std::strcmp(argv[i], "--sweep") == 0) {
      sweep = true;
    } else {
      std::fprintf(stderr, "conv-as-matmul: unknown or bad argument '%s' (usage: [--rounds N] [--sweep], N >= 1)\n",
                   argv[i]);
      return 2;
    }
  }
  std::printf("%s, median of %d rounds; gap = largest |direct - product| / largest |direct|\n",
              sweep ? "image sizes around the bound" : "AlexNet@68 b128", rounds);
  for (int threads : {1, 2})
    for (const Layer& l : sweep ? kSweep : kLayers) compare(l, threads, rounds);
  return 0;
}
