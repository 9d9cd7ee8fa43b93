// 2-D convolution on tfjs's layouts: NHWC activations used as they are,
// HWIO filters reordered to (and gradients from) the blocked layout oneDNN
// picks. Forward takes bias and activation as fused post-ops; backward
// weights also gives the bias gradient. With bf16 inputs on (setConvBf16),
// each direction rounds its two inputs to bf16 and accumulates and writes
// fp32: tfjs's tensors, and so the weights the optimizer updates, stay fp32.
// Small output images in fp32 run as one matrix product (conv_product.cc).
#include <optional>

#include "conv_geometry.h"

namespace d2l {
namespace {

using conv_fwd = dnnl::convolution_forward;
using conv_bwd_data = dnnl::convolution_backward_data;
using conv_bwd_weights = dnnl::convolution_backward_weights;

bool bf16Inputs = false;

dnnl::primitive_attr userScratchpad() {
  dnnl::primitive_attr attr;
  attr.set_scratchpad_mode(dnnl::scratchpad_mode::user);
  return attr;
}

// The data type a primitive reads its inputs in (its outputs are always fp32).
dt inputType(bool bf16) { return bf16 ? dt::bf16 : dt::f32; }

conv_fwd::primitive_desc forwardDesc(const Geometry& g, bool bias, const dnnl::primitive_attr& attr, bool bf16) {
  dt in = inputType(bf16);
  auto desc = bias ? conv_fwd::desc(dnnl::prop_kind::forward_training, dnnl::algorithm::convolution_direct, g.src(in),
                                    g.weights(tag::any, in), g.bias(), g.dst(), g.strides(), g.dilates(), g.padL(),
                                    g.padR())
                   : conv_fwd::desc(dnnl::prop_kind::forward_training, dnnl::algorithm::convolution_direct, g.src(in),
                                    g.weights(tag::any, in), g.dst(), g.strides(), g.dilates(), g.padL(), g.padR());
  return conv_fwd::primitive_desc(desc, attr, cpuEngine());
}

// A primitive with its descriptor, and the reorders between tfjs's fp32 arrays and what it reads and writes.
struct Built {
  dnnl::primitive primitive;
  dnnl::memory::desc weightsDesc;  // the primitive's (diff_)weights layout
  dnnl::memory::desc scratchpadDesc;
  std::optional<dnnl::reorder> weightsReorder;  // HWIO <-> weightsDesc, when they differ
  std::string implementation;
  bool bf16;  // its activation input(s) are rounded to bf16 first (activationFor)
  std::vector<dnnl::reorder> toBf16;  // with bf16: fp32 -> bf16 for each activation input, by slot
};

// Reference implementations are oneDNN's fallbacks, orders of magnitude slower than its JIT kernels.
bool isReference(const char* impl) { return std::string(impl).rfind("ref", 0) == 0; }

// The bf16 copy of an fp32 NHWC activation.
dnnl::memory::desc bf16Of(const dnnl::memory::desc& f32) { return {f32.dims(), dt::bf16, tag::nhwc}; }

// `activations`: the fp32 activation inputs, by slot, which bf16 rounds (their reorders are built here, once).
Built finish(dnnl::primitive primitive, const dnnl::memory::desc& weights, const dnnl::memory::desc& scratch,
             const Geometry& g, bool toUser, const char* impl, bool bf16,
             std::initializer_list<dnnl::memory::desc> activations) {
  Built built{primitive, weights, scratch, std::nullopt, impl, bf16, {}};
  if (bf16)
    for (const auto& f32 : activations)
      built.toBf16.emplace_back(dnnl::reorder::primitive_desc(cpuEngine(), f32, cpuEngine(), bf16Of(f32)));
  dnnl::memory::desc user = g.weights(tag::hwio);
  if (weights != user) {
    built.weightsReorder = toUser ? dnnl::reorder(dnnl::reorder::primitive_desc(cpuEngine(), weights, cpuEngine(), user))
                                  : dnnl::reorder(dnnl::reorder::primitive_desc(cpuEngine(), user, cpuEngine(), weights));
  }
  return built;
}

// Builds with bf16 inputs when they are on and oneDNN has a JIT kernel for them, else in fp32.
template <typename BuildIn>
Built buildPreferringBf16(BuildIn build) {
  if (bf16Inputs) {
    try {
      Built built = build(true);
      if (!isReference(built.implementation.c_str())) return built;
    } catch (const dnnl::error&) {
      // no bf16 implementation for this shape: fp32 below
    }
  }
  return build(false);
}

PrimitiveCache<Built> cache(kCacheCapacity);

// An fp32 NHWC activation as the primitive reads it: the array itself, or its bf16 copy in a shared buffer.
dnnl::memory activationFor(const Built& built, const dnnl::memory::desc& f32, float* data, size_t slot) {
  dnnl::memory user(f32, cpuEngine(), data);
  if (!built.bf16) return user;
  dnnl::memory::desc half = bf16Of(f32);
  dnnl::memory rounded(half, cpuEngine(), conversionBuffer(slot, half.get_size()));
  built.toBf16.at(slot).execute(cpuStream(), user, rounded);
  return rounded;
}

// Filter from tfjs's HWIO array into the layout `built` wants (in a shared buffer), or the array itself.
dnnl::memory weightsFor(const Built& built, const Geometry& g, float* hwio) {
  dnnl::memory user(g.weights(tag::hwio), cpuEngine(), hwio);
  if (!built.weightsReorder) return user;
  dnnl::memory blocked(built.weightsDesc, cpuEngine(), weightsBuffer(0, floatsFor(built.weightsDesc)));
  built.weightsReorder->execute(cpuStream(), user, blocked);
  return blocked;
}

dnnl::memory scratchFor(const Built& built) {
  return dnnl::memory(built.scratchpadDesc, cpuEngine(), scratchpad(built.scratchpadDesc.get_size()));
}

// bf16 inputs stay on the direct kernels, whose rounding docs/bench.md measured.
bool asProduct(const Geometry& g) { return !bf16Inputs && runsAsProduct(g); }

}  // namespace

CacheStats convCacheStats() {
  CacheStats product = convProductCacheStats();
  return {cache.size() + product.entries, cache.hits() + product.hits, cache.misses() + product.misses};
}
void clearConvCache() {
  cache.clear();
  clearConvProductCache();
}
void setConvBf16(bool on) { bf16Inputs = on; }
bool convBf16() { return bf16Inputs; }

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
    if (asProduct(g)) return Napi::String::New(info.Env(), productForward(g, x.data, w.data, b.data, y.data, activation, alpha));
    const Built& built =
        cache.get("fwd" + g.id(bf16Inputs) + key({hasBias, activation}) + std::to_string(alpha), [&] {
          return buildPreferringBf16([&](bool bf16) {
            dnnl::primitive_attr attr = userScratchpad();
            dnnl::post_ops ops;
            appendActivation(ops, activation, alpha);
            attr.set_post_ops(ops);
            auto pd = forwardDesc(g, hasBias, attr, bf16);
            return finish(conv_fwd(pd), pd.weights_desc(), pd.scratchpad_desc(), g, false, pd.impl_info_str(), bf16,
                          {g.src()});
          });
        });
    std::unordered_map<int, dnnl::memory> args{
        {DNNL_ARG_SRC, activationFor(built, g.src(), x.data, 0)},
        {DNNL_ARG_WEIGHTS, weightsFor(built, g, w.data)},
        {DNNL_ARG_DST, dnnl::memory(g.dst(), cpuEngine(), y.data)},
        {DNNL_ARG_SCRATCHPAD, scratchFor(built)}};
    if (hasBias) args.emplace(DNNL_ARG_BIAS, dnnl::memory(g.bias(), cpuEngine(), b.data));
    built.primitive.execute(cpuStream(), args);
    cpuStream().wait();
    return Napi::String::New(info.Env(), built.implementation);
  } catch (const dnnl::error& error) {
    throwDnnl(info.Env(), "conv2d forward " + g.id(bf16Inputs), error);
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
    if (asProduct(g)) return Napi::String::New(info.Env(), productBackwardData(g, dy.data, w.data, dx.data));
    const Built& built = cache.get("bwd_data" + g.id(bf16Inputs), [&] {
      return buildPreferringBf16([&](bool bf16) {
        dt in = inputType(bf16);
        auto hint = forwardDesc(g, false, dnnl::primitive_attr(), bf16);
        auto desc = conv_bwd_data::desc(dnnl::algorithm::convolution_direct, g.src(), g.weights(tag::any, in),
                                        g.dst(in), g.strides(), g.dilates(), g.padL(), g.padR());
        auto pd = conv_bwd_data::primitive_desc(desc, userScratchpad(), cpuEngine(), hint);
        return finish(conv_bwd_data(pd), pd.weights_desc(), pd.scratchpad_desc(), g, false, pd.impl_info_str(), bf16,
                      {g.dst()});
      });
    });
    built.primitive.execute(cpuStream(), {{DNNL_ARG_DIFF_DST, activationFor(built, g.dst(), dy.data, 0)},
                                          {DNNL_ARG_WEIGHTS, weightsFor(built, g, w.data)},
                                          {DNNL_ARG_DIFF_SRC, dnnl::memory(g.src(), cpuEngine(), dx.data)},
                                          {DNNL_ARG_SCRATCHPAD, scratchFor(built)}});
    cpuStream().wait();
    return Napi::String::New(info.Env(), built.implementation);
  } catch (const dnnl::error& error) {
    throwDnnl(info.Env(), "conv2d backward data " + g.id(bf16Inputs), error);
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
    if (asProduct(g))
      return Napi::String::New(info.Env(), productBackwardWeights(g, x.data, dy.data, dw.data, db.data));
    const Built& built = cache.get("bwd_weights" + g.id(bf16Inputs) + key({hasBias}), [&] {
      return buildPreferringBf16([&](bool bf16) {
        dt in = inputType(bf16);
        auto hint = forwardDesc(g, hasBias, dnnl::primitive_attr(), bf16);
        auto desc = hasBias ? conv_bwd_weights::desc(dnnl::algorithm::convolution_direct, g.src(in),
                                                     g.weights(tag::any), g.bias(), g.dst(in), g.strides(), g.dilates(),
                                                     g.padL(), g.padR())
                            : conv_bwd_weights::desc(dnnl::algorithm::convolution_direct, g.src(in),
                                                     g.weights(tag::any), g.dst(in), g.strides(), g.dilates(), g.padL(),
                                                     g.padR());
        auto pd = conv_bwd_weights::primitive_desc(desc, userScratchpad(), cpuEngine(), hint);
        return finish(conv_bwd_weights(pd), pd.diff_weights_desc(), pd.scratchpad_desc(), g, true,
                      pd.impl_info_str(), bf16, {g.src(), g.dst()});
      });
    });
    dnnl::memory user(g.weights(tag::hwio), cpuEngine(), dw.data);
    dnnl::memory diffWeights =
        built.weightsReorder ? dnnl::memory(built.weightsDesc, cpuEngine(), weightsBuffer(1, floatsFor(built.weightsDesc)))
                             : user;
    std::unordered_map<int, dnnl::memory> args{{DNNL_ARG_SRC, activationFor(built, g.src(), x.data, 0)},
                                               {DNNL_ARG_DIFF_DST, activationFor(built, g.dst(), dy.data, 1)},
                                               {DNNL_ARG_DIFF_WEIGHTS, diffWeights},
                                               {DNNL_ARG_SCRATCHPAD, scratchFor(built)}};
    if (hasBias) args.emplace(DNNL_ARG_DIFF_BIAS, dnnl::memory(g.bias(), cpuEngine(), db.data));
    built.primitive.execute(cpuStream(), args);
    if (built.weightsReorder) built.weightsReorder->execute(cpuStream(), diffWeights, user);
    cpuStream().wait();
    return Napi::String::New(info.Env(), built.implementation);
  } catch (const dnnl::error& error) {
    throwDnnl(info.Env(), "conv2d backward weights " + g.id(bf16Inputs), error);
  }
}

}  // namespace d2l
