// The addon's entry point: what it exports, the oneDNN engine and stream,
// argument checks and the buffers every primitive family shares.
#include <cmath>
#include <sstream>

#include "common.h"
#include "conv_geometry.h"

namespace d2l {

dnnl::engine& cpuEngine() {
  static dnnl::engine engine(dnnl::engine::kind::cpu, 0);
  return engine;
}

dnnl::stream& cpuStream() {
  static dnnl::stream stream(cpuEngine());
  return stream;
}

FloatArray optionalFloatArg(const Napi::CallbackInfo& info, size_t index, const char* name, size_t expected) {
  Napi::Env env = info.Env();
  if (info.Length() <= index || info[index].IsNull() || info[index].IsUndefined()) return {nullptr, 0};
  if (!info[index].IsTypedArray() || info[index].As<Napi::TypedArray>().TypedArrayType() != napi_float32_array) {
    throw Napi::TypeError::New(env, std::string("native kernel: ") + name + " must be a Float32Array");
  }
  auto array = info[index].As<Napi::Float32Array>();
  if (array.ElementLength() != expected) {
    std::ostringstream message;
    message << "native kernel: " << name << " has " << array.ElementLength() << " elements, expected " << expected;
    throw Napi::RangeError::New(env, message.str());
  }
  return {array.Data(), array.ElementLength()};
}

FloatArray floatArg(const Napi::CallbackInfo& info, size_t index, const char* name, size_t expected) {
  FloatArray array = optionalFloatArg(info, index, name, expected);
  if (array.data == nullptr && expected > 0) {
    throw Napi::TypeError::New(info.Env(), std::string("native kernel: ") + name + " is missing");
  }
  return array;
}

Napi::Object objectArg(const Napi::CallbackInfo& info, size_t index, const char* name) {
  if (info.Length() <= index || !info[index].IsObject()) {
    throw Napi::TypeError::New(info.Env(), std::string("native kernel: ") + name + " must be an object");
  }
  return info[index].As<Napi::Object>();
}

int64_t intField(const Napi::Object& object, const char* field, bool allowZero) {
  Napi::Value value = object.Get(field);
  double number = value.IsNumber() ? value.As<Napi::Number>().DoubleValue() : NAN;
  // 2^31: oneDNN indexes with 64-bit dims, but no tensor here comes near it; larger means a bad argument.
  if (!std::isfinite(number) || number != std::floor(number) || number < (allowZero ? 0 : 1) || number > 2147483647.0) {
    throw Napi::RangeError::New(object.Env(), std::string("native kernel: ") + field + " must be a " +
                                                  (allowZero ? "non-negative" : "positive") + " integer");
  }
  return static_cast<int64_t>(number);
}

void throwDnnl(const Napi::Env& env, const std::string& what, const dnnl::error& error) {
  throw Napi::Error::New(env, "oneDNN rejected " + what + ": " + error.what() + " (status " + std::to_string(error.status) + ")");
}

namespace {
std::vector<uint8_t> scratchpadBuffer;
std::vector<std::vector<float>> weightsBuffers(2);
std::vector<std::vector<uint8_t>> conversionBuffers(2);
std::vector<float> columns;
}  // namespace

void* scratchpad(size_t bytes) {
  if (scratchpadBuffer.size() < bytes) scratchpadBuffer.resize(bytes);
  return scratchpadBuffer.data();
}

float* weightsBuffer(size_t slot, size_t floats) {
  auto& buffer = weightsBuffers.at(slot);
  if (buffer.size() < floats) buffer.resize(floats);
  return buffer.data();
}

float* columnsBuffer(size_t floats) {
  if (columns.size() < floats) columns.resize(floats);
  return columns.data();
}

size_t floatsFor(const dnnl::memory::desc& desc) { return (desc.get_size() + sizeof(float) - 1) / sizeof(float); }

void* conversionBuffer(size_t slot, size_t bytes) {
  auto& buffer = conversionBuffers.at(slot);
  if (buffer.size() < bytes) buffer.resize(bytes);
  return buffer.data();
}

size_t bufferBytes() {
  size_t bytes = scratchpadBuffer.size();
  for (const auto& buffer : weightsBuffers) bytes += buffer.size() * sizeof(float);
  for (const auto& buffer : conversionBuffers) bytes += buffer.size();
  bytes += columns.size() * sizeof(float);
  return bytes;
}

void appendActivation(dnnl::post_ops& ops, int activation, float alpha) {
  using alg = dnnl::algorithm;
  switch (static_cast<Activation>(activation)) {
    case Activation::linear: return;
    case Activation::relu: ops.append_eltwise(1.f, alg::eltwise_relu, 0.f, 0.f); return;
    case Activation::sigmoid: ops.append_eltwise(1.f, alg::eltwise_logistic, 0.f, 0.f); return;
    case Activation::elu: ops.append_eltwise(1.f, alg::eltwise_elu, 1.f, 0.f); return;
    case Activation::relu6: ops.append_eltwise(1.f, alg::eltwise_clip, 0.f, 6.f); return;
    case Activation::leakyrelu: ops.append_eltwise(1.f, alg::eltwise_relu, alpha, 0.f); return;
  }
  throw std::invalid_argument("unknown activation code " + std::to_string(activation));
}

std::string key(std::initializer_list<int64_t> values) {
  std::string out;
  for (int64_t v : values) out += std::to_string(v) + ",";
  return out;
}

namespace {

const char* isaName(dnnl::cpu_isa isa) {
  switch (isa) {
    case dnnl::cpu_isa::sse41: return "sse41";
    case dnnl::cpu_isa::avx: return "avx";
    case dnnl::cpu_isa::avx2: return "avx2";
    case dnnl::cpu_isa::avx2_vnni: return "avx2_vnni";
    case dnnl::cpu_isa::avx512_core: return "avx512_core";
    case dnnl::cpu_isa::avx512_core_vnni: return "avx512_core_vnni";
    case dnnl::cpu_isa::avx512_core_bf16: return "avx512_core_bf16";
    case dnnl::cpu_isa::avx512_core_amx: return "avx512_core_amx";
    default: return "other";
  }
}

Napi::Value Info(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const dnnl_version_t* version = dnnl_version();
  Napi::Object out = Napi::Object::New(env);
  out.Set("onednn", std::to_string(version->major) + "." + std::to_string(version->minor) + "." + std::to_string(version->patch));
  out.Set("isa", isaName(dnnl::get_effective_cpu_isa()));
  out.Set("threads", threadPolicy().maxThreads);
  out.Set("precision", convBf16() ? "bf16" : "fp32");
  return out;
}

// setPrecision("fp32" | "bf16"): what convolutions round their inputs to (they accumulate in fp32 either way).
Napi::Value SetPrecision(const Napi::CallbackInfo& info) {
  std::string precision = info.Length() > 0 && info[0].IsString() ? info[0].As<Napi::String>().Utf8Value() : "";
  if (precision != "fp32" && precision != "bf16") {
    throw Napi::TypeError::New(info.Env(), "native kernel: precision must be \"fp32\" or \"bf16\"");
  }
  setConvBf16(precision == "bf16");
  return info.Env().Undefined();
}

// setThreads({ threads, flopsPerThread?, elementsPerThread? })
Napi::Value SetThreads(const Napi::CallbackInfo& info) {
  Napi::Object options = objectArg(info, 0, "options");
  ThreadPolicy next = threadPolicy();
  next.maxThreads = static_cast<int>(intField(options, "threads"));
  if (options.Has("flopsPerThread")) next.flopsPerThread = static_cast<double>(intField(options, "flopsPerThread"));
  if (options.Has("elementsPerThread"))
    next.elementsPerThread = static_cast<double>(intField(options, "elementsPerThread"));
  setThreadPolicy(next);
  return info.Env().Undefined();
}

// setConvAsProduct({ maxPixels }): the largest output image (oh·ow) run as im2col and one matrix product (0: none,
// the default). Returns the bound it replaces.
Napi::Value SetConvAsProduct(const Napi::CallbackInfo& info) {
  int64_t previous = convAsProductMaxPixels();
  setConvAsProductMaxPixels(intField(objectArg(info, 0, "options"), "maxPixels", true));
  return Napi::Number::New(info.Env(), static_cast<double>(previous));
}

// plannedThreads({ flops } | { elements }): the team size a call of that much work gets.
Napi::Value PlannedThreads(const Napi::CallbackInfo& info) {
  Napi::Object work = objectArg(info, 0, "work");
  int threads = work.Has("flops") ? threadsForFlops(static_cast<double>(intField(work, "flops", true)))
                                  : threadsForElements(static_cast<double>(intField(work, "elements", true)));
  return Napi::Number::New(info.Env(), threads);
}

Napi::Value Cache(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  CacheStats conv = convCacheStats();
  CacheStats matmul = matmulCacheStats();
  Napi::Object out = Napi::Object::New(env);
  out.Set("entries", static_cast<double>(conv.entries + matmul.entries));
  out.Set("hits", static_cast<double>(conv.hits + matmul.hits));
  out.Set("misses", static_cast<double>(conv.misses + matmul.misses));
  out.Set("capacity", static_cast<double>(kCacheCapacity * 3));
  out.Set("bufferBytes", static_cast<double>(bufferBytes()));
  return out;
}

Napi::Value ClearCache(const Napi::CallbackInfo& info) {
  clearConvCache();
  clearMatmulCache();
  return info.Env().Undefined();
}

// Exceptions from oneDNN that a family did not translate still become JavaScript errors.
template <Napi::Value (*Fn)(const Napi::CallbackInfo&)>
Napi::Value guarded(const Napi::CallbackInfo& info) {
  try {
    return Fn(info);
  } catch (const Napi::Error&) {
    throw;
  } catch (const dnnl::error& error) {
    throwDnnl(info.Env(), "a primitive", error);
  } catch (const std::exception& error) {
    throw Napi::Error::New(info.Env(), std::string("native kernel: ") + error.what());
  }
}

Napi::Object Init(Napi::Env env, Napi::Object exports) {
  exports.Set("info", Napi::Function::New<guarded<Info>>(env));
  exports.Set("setThreads", Napi::Function::New<guarded<SetThreads>>(env));
  exports.Set("setPrecision", Napi::Function::New<guarded<SetPrecision>>(env));
  exports.Set("setConvAsProduct", Napi::Function::New<guarded<SetConvAsProduct>>(env));
  exports.Set("plannedThreads", Napi::Function::New<guarded<PlannedThreads>>(env));
  exports.Set("cacheStats", Napi::Function::New<guarded<Cache>>(env));
  exports.Set("clearCache", Napi::Function::New<guarded<ClearCache>>(env));
  exports.Set("conv2dForward", Napi::Function::New<guarded<Conv2dForward>>(env));
  exports.Set("conv2dBackwardData", Napi::Function::New<guarded<Conv2dBackwardData>>(env));
  exports.Set("conv2dBackwardWeights", Napi::Function::New<guarded<Conv2dBackwardWeights>>(env));
  exports.Set("matMul", Napi::Function::New<guarded<MatMul>>(env));
  exports.Set("maxPool", Napi::Function::New<guarded<MaxPool>>(env));
  exports.Set("maxPoolGrad", Napi::Function::New<guarded<MaxPoolGrad>>(env));
  exports.Set("avgPool", Napi::Function::New<guarded<AvgPool>>(env));
  exports.Set("avgPoolGrad", Napi::Function::New<guarded<AvgPoolGrad>>(env));
  exports.Set("sumRows", Napi::Function::New<guarded<SumRows>>(env));
  exports.Set("sigmoid", Napi::Function::New<guarded<Sigmoid>>(env));
  exports.Set("reluGrad", Napi::Function::New<guarded<ReluGrad>>(env));
  exports.Set("sigmoidGrad", Napi::Function::New<guarded<SigmoidGrad>>(env));
  exports.Set("binary", Napi::Function::New<guarded<Binary>>(env));
  exports.Set("fmaPeak", Napi::Function::New<guarded<FmaPeak>>(env));
  exports.Set("sgdUpdate", Napi::Function::New<guarded<SgdUpdate>>(env));
  exports.Set("adamUpdate", Napi::Function::New<guarded<AdamUpdate>>(env));
  return exports;
}

}  // namespace

}  // namespace d2l

static Napi::Object InitAddon(Napi::Env env, Napi::Object exports) { return d2l::Init(env, exports); }

NODE_API_MODULE(d2l_onednn, InitAddon)
