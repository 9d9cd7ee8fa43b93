// Batched matrix products with either operand transposed (dense layers and
// their gradients), read in place through strides, with an optional bias
// row and activation fused as post-ops.
#include "common.h"

namespace d2l {
namespace {

struct Shape {
  int64_t batchA, batchB, m, k, n;
  bool transA, transB;

  static Shape read(const Napi::Object& s) {
    Shape shape{intField(s, "batchA"), intField(s, "batchB"), intField(s, "m"), intField(s, "k"), intField(s, "n"),
                s.Get("transposeA").ToBoolean().Value(), s.Get("transposeB").ToBoolean().Value()};
    if (shape.batchA != shape.batchB && shape.batchA != 1 && shape.batchB != 1) {
      throw Napi::RangeError::New(s.Env(), "native matMul: batch sizes " + std::to_string(shape.batchA) + " and " +
                                               std::to_string(shape.batchB) + " do not broadcast");
    }
    return shape;
  }

  int64_t batch() const { return std::max(batchA, batchB); }
  dnnl::memory::desc a() const {
    return {{batchA, m, k}, dt::f32, transA ? dims{m * k, 1, m} : dims{m * k, k, 1}};
  }
  dnnl::memory::desc b() const {
    return {{batchB, k, n}, dt::f32, transB ? dims{k * n, 1, k} : dims{k * n, n, 1}};
  }
  dnnl::memory::desc c() const { return {{batch(), m, n}, dt::f32, dims{m * n, n, 1}}; }
  dnnl::memory::desc bias() const { return {{1, 1, n}, dt::f32, dims{n, n, 1}}; }
  int threads() const { return threadsForFlops(2.0 * batch() * m * k * n); }
  std::string id() const { return key({batchA, batchB, m, k, n, transA, transB, threads()}); }
};

struct Built {
  dnnl::matmul primitive;
  dnnl::memory::desc scratchpadDesc;
};

PrimitiveCache<Built> cache(kCacheCapacity);

}  // namespace

CacheStats matmulCacheStats() { return {cache.size(), cache.hits(), cache.misses()}; }
void clearMatmulCache() { cache.clear(); }

// matMul(a, b, bias | null, c, shape, activation, alpha)
Napi::Value MatMul(const Napi::CallbackInfo& info) {
  Shape s = Shape::read(objectArg(info, 4, "shape"));
  FloatArray a = floatArg(info, 0, "a", s.batchA * s.m * s.k);
  FloatArray b = floatArg(info, 1, "b", s.batchB * s.k * s.n);
  FloatArray bias = optionalFloatArg(info, 2, "bias", s.n);
  FloatArray c = floatArg(info, 3, "c", s.batch() * s.m * s.n);
  int activation = info[5].As<Napi::Number>().Int32Value();
  float alpha = info[6].As<Napi::Number>().FloatValue();
  bool hasBias = bias.data != nullptr;
  useThreads(s.threads());
  try {
    const Built& built = cache.get(s.id() + key({hasBias, activation}) + std::to_string(alpha), [&] {
      dnnl::primitive_attr attr;
      attr.set_scratchpad_mode(dnnl::scratchpad_mode::user);
      dnnl::post_ops ops;
      appendActivation(ops, activation, alpha);
      attr.set_post_ops(ops);
      auto desc = hasBias ? dnnl::matmul::desc(s.a(), s.b(), s.bias(), s.c()) : dnnl::matmul::desc(s.a(), s.b(), s.c());
      dnnl::matmul::primitive_desc pd(desc, attr, cpuEngine());
      return Built{dnnl::matmul(pd), pd.scratchpad_desc()};
    });
    std::unordered_map<int, dnnl::memory> args{
        {DNNL_ARG_SRC, dnnl::memory(s.a(), cpuEngine(), a.data)},
        {DNNL_ARG_WEIGHTS, dnnl::memory(s.b(), cpuEngine(), b.data)},
        {DNNL_ARG_DST, dnnl::memory(s.c(), cpuEngine(), c.data)},
        {DNNL_ARG_SCRATCHPAD,
         dnnl::memory(built.scratchpadDesc, cpuEngine(), scratchpad(built.scratchpadDesc.get_size()))}};
    if (hasBias) args.emplace(DNNL_ARG_BIAS, dnnl::memory(s.bias(), cpuEngine(), bias.data));
    built.primitive.execute(cpuStream(), args);
    cpuStream().wait();
    return info.Env().Undefined();
  } catch (const dnnl::error& error) {
    throwDnnl(info.Env(), "matMul " + s.id(), error);
  }
}

}  // namespace d2l
