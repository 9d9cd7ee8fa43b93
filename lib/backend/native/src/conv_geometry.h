// A 2-D convolution's shape as tfjs describes it (NHWC activations, HWIO
// filters), shared by the two ways the addon runs one: oneDNN's direct
// kernels (conv.cc) and, for small output images, im2col and one matrix
// product (conv_product.cc).
#pragma once

#include "common.h"

namespace d2l {

struct Geometry {
  int64_t n, ih, iw, ic, oh, ow, oc, kh, kw, sh, sw, dh, dw, pt, pl, pb, pr;

  static Geometry read(const Napi::Object& g) {
    Geometry c{intField(g, "n"), intField(g, "ih"), intField(g, "iw"), intField(g, "ic"), intField(g, "oh"),
               intField(g, "ow"), intField(g, "oc"), intField(g, "kh"), intField(g, "kw"), intField(g, "sh"),
               intField(g, "sw"), intField(g, "dh"), intField(g, "dw"), intField(g, "pt", true), intField(g, "pl", true),
               intField(g, "pb", true), intField(g, "pr", true)};
    auto extent = [](int64_t in, int64_t before, int64_t after, int64_t kernel, int64_t dilation, int64_t stride) {
      int64_t span = in + before + after - ((kernel - 1) * dilation + 1);
      return span < 0 ? int64_t{0} : span / stride + 1;
    };
    if (extent(c.ih, c.pt, c.pb, c.kh, c.dh, c.sh) != c.oh || extent(c.iw, c.pl, c.pr, c.kw, c.dw, c.sw) != c.ow) {
      throw Napi::RangeError::New(g.Env(), "native conv2d: output " + std::to_string(c.oh) + "x" + std::to_string(c.ow) +
                                               " does not follow from input, kernel, stride, dilation and padding");
    }
    return c;
  }

  size_t srcSize() const { return n * ih * iw * ic; }
  size_t dstSize() const { return n * oh * ow * oc; }
  size_t weightsSize() const { return kh * kw * ic * oc; }
  // Each direction (forward, backward data, backward weights) does the same multiply-adds.
  double flops() const { return 2.0 * n * oh * ow * oc * ic * kh * kw; }
  dnnl::memory::desc src(dt type = dt::f32) const { return {{n, ic, ih, iw}, type, tag::nhwc}; }
  dnnl::memory::desc dst(dt type = dt::f32) const { return {{n, oc, oh, ow}, type, tag::nhwc}; }
  dnnl::memory::desc weights(tag t, dt type = dt::f32) const { return {{oc, ic, kh, kw}, type, t}; }
  dnnl::memory::desc bias() const { return {{oc}, dt::f32, tag::x}; }
  dims strides() const { return {sh, sw}; }
  dims dilates() const { return {dh - 1, dw - 1}; }  // oneDNN counts the gaps, tfjs the step
  dims padL() const { return {pt, pl}; }
  dims padR() const { return {pb, pr}; }
  // The threads it runs on are part of its identity: oneDNN builds a primitive for one team size.
  int threads() const { return threadsForFlops(flops()); }
  std::string id(bool bf16) const {
    return key({n, ih, iw, ic, oh, ow, oc, kh, kw, sh, sw, dh, dw, pt, pl, pb, pr, threads(), bf16});
  }
};

// Whether a convolution runs as im2col and one matrix product rather than oneDNN's direct kernel: output
// images from 2×2 up to setConvAsProduct's bound (measured best at 9 pixels, 3×3; off, 0, by default).
bool runsAsProduct(const Geometry& g);
void setConvAsProductMaxPixels(int64_t maxPixels);
int64_t convAsProductMaxPixels();
CacheStats convProductCacheStats();
void clearConvProductCache();

// The three directions as products; each returns what it ran ("im2col+" and oneDNN's matmul kernel).
std::string productForward(const Geometry& g, const float* x, float* w, float* bias, float* y, int activation,
                           float alpha);
std::string productBackwardData(const Geometry& g, float* dy, float* w, float* dx);
std::string productBackwardWeights(const Geometry& g, const float* x, float* dy, float* dw, float* dBias);

}  // namespace d2l
