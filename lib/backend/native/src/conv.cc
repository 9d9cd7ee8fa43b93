// 2-D convolution on tfjs's layouts: NHWC activations used as they are,
// HWIO filters reordered to (and gradients from) the blocked layout oneDNN
// picks. Forward takes bias and activation as fused post-ops; backward
// weights also gives the bias gradient.
#include <optional>

#include "common.h"

namespace d2l {
namespace {

using conv_fwd = dnnl::convolution_forward;
using conv_bwd_data = dnnl::convolution_backward_data;
using conv_bwd_weights = dnnl::convolution_backward_weights;

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
  dnnl::memory::desc src(tag t = tag::nhwc) const { return {{n, ic, ih, iw}, dt::f32, t}; }
  dnnl::memory::desc dst(tag t = tag::nhwc) const { return {{n, oc, oh, ow}, dt::f32, t}; }
  dnnl::memory::desc weights(tag t) const { return {{oc, ic, kh, kw}, dt::f32, t}; }
  dnnl::memory::desc bias() const { return {{oc}, dt::f32, tag::x}; }
  dims strides() const { return {sh, sw}; }
  dims dilates() const { return {dh - 1, dw - 1}; }  // oneDNN counts the gaps, tfjs the step
  dims padL() const { return {pt, pl}; }
  dims padR() const { return {pb, pr}; }
  // The threads it runs on are part of its identity: oneDNN builds a primitive for one team size.
  int threads() const { return threadsForFlops(flops()); }
  std::string id() const {
    return key({n, ih, iw, ic, oh, ow, oc, kh, kw, sh, sw, dh, dw, pt, pl, pb, pr, threads()});
  }
};

dnnl::primitive_attr userScratchpad() {
  dnnl::primitive_attr attr;
  attr.set_scratchpad_mode(dnnl::scratchpad_mode::user);
  return attr;
}

conv_fwd::primitive_desc forwardDesc(const Geometry& g, bool bias, const dnnl::primitive_attr& attr) {
  auto desc = bias ? conv_fwd::desc(dnnl::prop_kind::forward_training, dnnl::algorithm::convolution_direct, g.src(),
                                    g.weights(tag::any), g.bias(), g.dst(), g.strides(), g.dilates(), g.padL(), g.padR())
                   : conv_fwd::desc(dnnl::prop_kind::forward_training, dnnl::algorithm::convolution_direct, g.src(),
                                    g.weights(tag::any), g.dst(), g.strides(), g.dilates(), g.padL(), g.padR());
  return conv_fwd::primitive_desc(desc, attr, cpuEngine());
}

// A primitive with its descriptor, and the reorder between tfjs's HWIO filter and the layout it wants.
struct Built {
  dnnl::primitive primitive;
  dnnl::memory::desc weightsDesc;  // the primitive's (diff_)weights layout
  dnnl::memory::desc scratchpadDesc;
  std::optional<dnnl::reorder> weightsReorder;  // HWIO <-> weightsDesc, when they differ
  std::string implementation;
};

Built finish(dnnl::primitive primitive, const dnnl::memory::desc& weights, const dnnl::memory::desc& scratch,
             const Geometry& g, bool toUser, const char* impl) {
  Built built{primitive, weights, scratch, std::nullopt, impl};
  dnnl::memory::desc user = g.weights(tag::hwio);
  if (weights != user) {
    built.weightsReorder = toUser ? dnnl::reorder(dnnl::reorder::primitive_desc(cpuEngine(), weights, cpuEngine(), user))
                                  : dnnl::reorder(dnnl::reorder::primitive_desc(cpuEngine(), user, cpuEngine(), weights));
  }
  return built;
}

PrimitiveCache<Built> cache(kCacheCapacity);

// Filter from tfjs's HWIO array into the layout `built` wants (in a shared buffer), or the array itself.
dnnl::memory weightsFor(const Built& built, const Geometry& g, float* hwio) {
  dnnl::memory user(g.weights(tag::hwio), cpuEngine(), hwio);
  if (!built.weightsReorder) return user;
  dnnl::memory blocked(built.weightsDesc, cpuEngine(), weightsBuffer(0, built.weightsDesc.get_size() / sizeof(float)));
  built.weightsReorder->execute(cpuStream(), user, blocked);
  return blocked;
}

dnnl::memory scratchFor(const Built& built) {
  return dnnl::memory(built.scratchpadDesc, cpuEngine(), scratchpad(built.scratchpadDesc.get_size()));
}

}  // namespace

CacheStats convCacheStats() { return {cache.size(), cache.hits(), cache.misses()}; }
void clearConvCache() { cache.clear(); }

// conv2dForward(x, filter, bias | null, y, geometry, activation, alpha)
Napi::Value Conv2dForward(const Napi::CallbackInfo& info) {
  Geometry g = Geometry::read(objectArg(info, 4, "geometry"));
  FloatArray x = floatArg(info, 0, "x", g.srcSize());
  FloatArray w = floatArg(info, 1, "filter", g.weightsSize());
  FloatArray b = optionalFloatArg(info, 2, "bias", g.oc);
  FloatArray y = floatArg(info, 3, "y", g.dstSize());
  int activation = info[5].As<Napi::Number>().Int32Value();
  float alpha = info[6].As<Napi::Number>().FloatValue();
  bool hasBias = b.data != nullptr;
  useThreads(g.threads());
  try {
    const Built& built = cache.get("fwd" + g.id() + key({hasBias, activation}) + std::to_string(alpha), [&] {
      dnnl::primitive_attr attr = userScratchpad();
      dnnl::post_ops ops;
      appendActivation(ops, activation, alpha);
      attr.set_post_ops(ops);
      auto pd = forwardDesc(g, hasBias, attr);
      return finish(conv_fwd(pd), pd.weights_desc(), pd.scratchpad_desc(), g, false, pd.impl_info_str());
    });
    std::unordered_map<int, dnnl::memory> args{
        {DNNL_ARG_SRC, dnnl::memory(g.src(), cpuEngine(), x.data)},
        {DNNL_ARG_WEIGHTS, weightsFor(built, g, w.data)},
        {DNNL_ARG_DST, dnnl::memory(g.dst(), cpuEngine(), y.data)},
        {DNNL_ARG_SCRATCHPAD, scratchFor(built)}};
    if (hasBias) args.emplace(DNNL_ARG_BIAS, dnnl::memory(g.bias(), cpuEngine(), b.data));
    built.primitive.execute(cpuStream(), args);
    cpuStream().wait();
    return Napi::String::New(info.Env(), built.implementation);
  } catch (const dnnl::error& error) {
    throwDnnl(info.Env(), "conv2d forward " + g.id(), error);
  }
}

// conv2dBackwardData(dy, filter, dx, geometry)
Napi::Value Conv2dBackwardData(const Napi::CallbackInfo& info) {
  Geometry g = Geometry::read(objectArg(info, 3, "geometry"));
  FloatArray dy = floatArg(info, 0, "dy", g.dstSize());
  FloatArray w = floatArg(info, 1, "filter", g.weightsSize());
  FloatArray dx = floatArg(info, 2, "dx", g.srcSize());
  useThreads(g.threads());
  try {
    const Built& built = cache.get("bwd_data" + g.id(), [&] {
      auto hint = forwardDesc(g, false, dnnl::primitive_attr());
      auto desc = conv_bwd_data::desc(dnnl::algorithm::convolution_direct, g.src(), g.weights(tag::any), g.dst(),
                                      g.strides(), g.dilates(), g.padL(), g.padR());
      auto pd = conv_bwd_data::primitive_desc(desc, userScratchpad(), cpuEngine(), hint);
      return finish(conv_bwd_data(pd), pd.weights_desc(), pd.scratchpad_desc(), g, false, pd.impl_info_str());
    });
    built.primitive.execute(cpuStream(), {{DNNL_ARG_DIFF_DST, dnnl::memory(g.dst(), cpuEngine(), dy.data)},
                                          {DNNL_ARG_WEIGHTS, weightsFor(built, g, w.data)},
                                          {DNNL_ARG_DIFF_SRC, dnnl::memory(g.src(), cpuEngine(), dx.data)},
                                          {DNNL_ARG_SCRATCHPAD, scratchFor(built)}});
    cpuStream().wait();
    return Napi::String::New(info.Env(), built.implementation);
  } catch (const dnnl::error& error) {
    throwDnnl(info.Env(), "conv2d backward data " + g.id(), error);
  }
}

// conv2dBackwardWeights(x, dy, dFilter, dBias | null, geometry)
Napi::Value Conv2dBackwardWeights(const Napi::CallbackInfo& info) {
  Geometry g = Geometry::read(objectArg(info, 4, "geometry"));
  FloatArray x = floatArg(info, 0, "x", g.srcSize());
  FloatArray dy = floatArg(info, 1, "dy", g.dstSize());
  FloatArray dw = floatArg(info, 2, "dFilter", g.weightsSize());
  FloatArray db = optionalFloatArg(info, 3, "dBias", g.oc);
  bool hasBias = db.data != nullptr;
  useThreads(g.threads());
  try {
    const Built& built = cache.get("bwd_weights" + g.id() + key({hasBias}), [&] {
      auto hint = forwardDesc(g, hasBias, dnnl::primitive_attr());
      auto desc = hasBias ? conv_bwd_weights::desc(dnnl::algorithm::convolution_direct, g.src(), g.weights(tag::any),
                                                   g.bias(), g.dst(), g.strides(), g.dilates(), g.padL(), g.padR())
                          : conv_bwd_weights::desc(dnnl::algorithm::convolution_direct, g.src(), g.weights(tag::any),
                                                   g.dst(), g.strides(), g.dilates(), g.padL(), g.padR());
      auto pd = conv_bwd_weights::primitive_desc(desc, userScratchpad(), cpuEngine(), hint);
      return finish(conv_bwd_weights(pd), pd.diff_weights_desc(), pd.scratchpad_desc(), g, true, pd.impl_info_str());
    });
    dnnl::memory user(g.weights(tag::hwio), cpuEngine(), dw.data);
    dnnl::memory diffWeights =
        built.weightsReorder ? dnnl::memory(built.weightsDesc, cpuEngine(),
                                            weightsBuffer(1, built.weightsDesc.get_size() / sizeof(float)))
                             : user;
    std::unordered_map<int, dnnl::memory> args{{DNNL_ARG_SRC, dnnl::memory(g.src(), cpuEngine(), x.data)},
                                               {DNNL_ARG_DIFF_DST, dnnl::memory(g.dst(), cpuEngine(), dy.data)},
                                               {DNNL_ARG_DIFF_WEIGHTS, diffWeights},
                                               {DNNL_ARG_SCRATCHPAD, scratchFor(built)}};
    if (hasBias) args.emplace(DNNL_ARG_DIFF_BIAS, dnnl::memory(g.bias(), cpuEngine(), db.data));
    built.primitive.execute(cpuStream(), args);
    if (built.weightsReorder) built.weightsReorder->execute(cpuStream(), diffWeights, user);
    cpuStream().wait();
    return Napi::String::New(info.Env(), built.implementation);
  } catch (const dnnl::error& error) {
    throwDnnl(info.Env(), "conv2d backward weights " + g.id(), error);
  }
}

}  // namespace d2l
