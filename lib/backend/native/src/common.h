// Shared by the addon's primitive families: argument checks that turn bad
// input into a JavaScript exception (a crash here would kill the notebook's
// kernel), the oneDNN engine and stream, reusable buffers, and a bounded
// cache of primitives built once per shape.
#pragma once

#include <napi.h>

#include <cstdint>
#include <list>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "dnnl.hpp"

namespace d2l {

using tag = dnnl::memory::format_tag;
using dt = dnnl::memory::data_type;
using dims = dnnl::memory::dims;

dnnl::engine& cpuEngine();
dnnl::stream& cpuStream();

// A float32 array the caller handed in, with its element count.
struct FloatArray {
  float* data;
  size_t length;
};

// Reads argument `index` as a Float32Array of exactly `expected` elements.
FloatArray floatArg(const Napi::CallbackInfo& info, size_t index, const char* name, size_t expected);
// The same, or nullptr data when the argument is null or undefined.
FloatArray optionalFloatArg(const Napi::CallbackInfo& info, size_t index, const char* name, size_t expected);
// Reads a positive (or, with allowZero, non-negative) integer field of an object argument.
int64_t intField(const Napi::Object& object, const char* field, bool allowZero = false);
Napi::Object objectArg(const Napi::CallbackInfo& info, size_t index, const char* name);

// The most threads a call may use, and the least work that earns each thread (setThreads sets them).
struct ThreadPolicy {
  int maxThreads;
  double flopsPerThread;     // oneDNN convolutions and matmuls
  double elementsPerThread;  // the addon's own loops over memory
};
const ThreadPolicy& threadPolicy();
void setThreadPolicy(const ThreadPolicy& policy);
// 1 until the work fills two threads' shares, then one thread per share, up to maxThreads.
int threadsForFlops(double flops);
int threadsForElements(double elements);
// How many rows of `rowLength` floats to treat as one, so that a loop along a short row (a bias of
// 6 channels) runs long enough to vectorise: at least 64 floats.
inline int64_t rowsPerGroup(int64_t rowLength) { return rowLength >= 64 ? 1 : (64 + rowLength - 1) / rowLength; }
// The calling thread's OpenMP team size for the primitive or loop about to run.
void useThreads(int threads);

// Throws a JavaScript Error that says which primitive oneDNN rejected and why.
[[noreturn]] void throwDnnl(const Napi::Env& env, const std::string& what, const dnnl::error& error);

// Grows-only buffers shared by every call (calls come one at a time from the JS thread).
void* scratchpad(size_t bytes);
float* weightsBuffer(size_t slot, size_t floats);
// The floats a weightsBuffer needs to hold memory of that descriptor (of any data type).
size_t floatsFor(const dnnl::memory::desc& desc);
// An im2col matrix: a convolution's input laid out as one row per output pixel (conv_product.cc).
float* columnsBuffer(size_t floats);
// Slots 0 and 1 hold an operation's activations rounded to bf16.
void* conversionBuffer(size_t slot, size_t bytes);
// Bytes those buffers hold now (they grow to the largest layer seen, then stay).
size_t bufferBytes();

// tfjs's fused activations, as the TypeScript side numbers them.
enum class Activation { linear = 0, relu = 1, sigmoid = 2, elu = 3, relu6 = 4, leakyrelu = 5 };
// Appends the activation as an eltwise post-op (nothing for linear).
void appendActivation(dnnl::post_ops& ops, int activation, float alpha);

// An LRU map from a shape key to what was built for it.
template <typename Value>
class PrimitiveCache {
 public:
  explicit PrimitiveCache(size_t capacity) : capacity_(capacity) {}

  template <typename Build>
  Value& get(const std::string& key, Build build) {
    auto found = index_.find(key);
    if (found != index_.end()) {
      ++hits_;
      entries_.splice(entries_.begin(), entries_, found->second);
      return found->second->second;
    }
    ++misses_;
    entries_.emplace_front(key, build());
    index_[key] = entries_.begin();
    if (entries_.size() > capacity_) {
      index_.erase(entries_.back().first);
      entries_.pop_back();
    }
    return entries_.front().second;
  }

  size_t size() const { return entries_.size(); }
  uint64_t hits() const { return hits_; }
  uint64_t misses() const { return misses_; }
  void clear() {
    entries_.clear();
    index_.clear();
  }

 private:
  size_t capacity_;
  std::list<std::pair<std::string, Value>> entries_;
  std::unordered_map<std::string, typename std::list<std::pair<std::string, Value>>::iterator> index_;
  uint64_t hits_ = 0;
  uint64_t misses_ = 0;
};

// How many entries each primitive family keeps (a training run uses a few per layer).
constexpr size_t kCacheCapacity = 128;

// Cache statistics every family reports, summed by addon.cc.
struct CacheStats {
  size_t entries;
  uint64_t hits;
  uint64_t misses;
};
CacheStats convCacheStats();
CacheStats matmulCacheStats();
void clearConvCache();
void clearMatmulCache();
// Whether convolutions round their inputs to bf16 (fp32 accumulation and outputs); off unless set.
void setConvBf16(bool on);
bool convBf16();

std::string key(std::initializer_list<int64_t> values);

// The functions each family exports.
Napi::Value Conv2dForward(const Napi::CallbackInfo& info);
Napi::Value Conv2dBackwardData(const Napi::CallbackInfo& info);
Napi::Value Conv2dBackwardWeights(const Napi::CallbackInfo& info);
Napi::Value MatMul(const Napi::CallbackInfo& info);
Napi::Value Sigmoid(const Napi::CallbackInfo& info);
Napi::Value MaxPool(const Napi::CallbackInfo& info);
Napi::Value MaxPoolGrad(const Napi::CallbackInfo& info);
Napi::Value AvgPool(const Napi::CallbackInfo& info);
Napi::Value AvgPoolGrad(const Napi::CallbackInfo& info);
Napi::Value SumRows(const Napi::CallbackInfo& info);
Napi::Value ReluGrad(const Napi::CallbackInfo& info);
Napi::Value SigmoidGrad(const Napi::CallbackInfo& info);
Napi::Value Binary(const Napi::CallbackInfo& info);
Napi::Value FmaPeak(const Napi::CallbackInfo& info);
Napi::Value SgdUpdate(const Napi::CallbackInfo& info);
Napi::Value AdamUpdate(const Napi::CallbackInfo& info);

}  // namespace d2l
