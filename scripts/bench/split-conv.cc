// Would a dynamic split of a convolution's work beat oneDNN's static one when
// another process holds a core? oneDNN divides a primitive's work evenly
// between its threads, so a thread that shares its core waits out every
// barrier. This times AlexNet@224 b32's large convolutions (forward and
// backward weights) three ways, round-robin so that drifting load hits all
// alike: one 1-thread primitive on the whole batch, one 2-thread primitive,
// and a 1-thread primitive per chunk of the batch, the chunks pulled by two
// threads as they come free (backward weights then sums the chunks' partial
// gradients). Last it asks which kernel oneDNN would run backward weights
// with on a slice of the output channels, read in place from the whole
// gradient (a strided view): the split that needs no sum. It is a
// measurement, not library code.
//   g++ -O2 -std=c++17 -fopenmp -o /tmp/split-conv scripts/bench/split-conv.cc -ldnnl
//   OMP_WAIT_POLICY=PASSIVE /tmp/split-conv [--chunks 8] [--rounds 10] [--busy]
// --busy forks a spinning process for the whole run (it dies with this one).
#include <omp.h>
#include <signal.h>
#include <sys/prctl.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <string>
#include <vector>

#include "dnnl.hpp"

namespace {

using tag = dnnl::memory::format_tag;
using dt = dnnl::memory::data_type;

struct Layer {
  const char* name;
  int64_t ic, in, oc, kernel, stride, pad;
  int64_t out() const { return (in + 2 * pad - kernel) / stride + 1; }
};

// d2l's AlexNet at 224×224, batch 32: the convolutions that take its step's time.
const Layer kLayers[] = {{"conv1 11x11 s4", 1, 224, 96, 11, 4, 1},
                         {"conv2 5x5", 96, 26, 256, 5, 1, 2},
                         {"conv3 3x3", 256, 12, 384, 3, 1, 1},
                         {"conv4 3x3", 384, 12, 384, 3, 1, 1}};
constexpr int64_t kBatch = 32;

dnnl::engine& engine() {
  static dnnl::engine cpu(dnnl::engine::kind::cpu, 0);
  return cpu;
}

double seconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

// One primitive for `batch` images, built for `threads` OpenMP threads, with its scratchpad.
struct Conv {
  dnnl::primitive primitive;
  dnnl::memory::desc src, weights, dst;
  size_t scratchBytes;
  int threads;

  Conv(const Layer& l, int64_t batch, int threads, bool backwardWeights) : threads(threads) {
    omp_set_num_threads(threads);
    src = {{batch, l.ic, l.in, l.in}, dt::f32, tag::nhwc};
    dst = {{batch, l.oc, l.out(), l.out()}, dt::f32, tag::nhwc};
    dnnl::memory::desc any{{l.oc, l.ic, l.kernel, l.kernel}, dt::f32, tag::any};
    dnnl::memory::dims strides{l.stride, l.stride}, pad{l.pad, l.pad};
    dnnl::primitive_attr attr;
    attr.set_scratchpad_mode(dnnl::scratchpad_mode::user);
    auto fwdDesc = dnnl::convolution_forward::desc(dnnl::prop_kind::forward_training,
                                                   dnnl::algorithm::convolution_direct, src, any, dst, strides, pad,
                                                   pad);
    dnnl::convolution_forward::primitive_desc forward(fwdDesc, attr, engine());
    if (!backwardWeights) {
      weights = forward.weights_desc();
      scratchBytes = forward.scratchpad_desc().get_size();
      primitive = dnnl::convolution_forward(forward);
      return;
    }
    auto bwdDesc = dnnl::convolution_backward_weights::desc(dnnl::algorithm::convolution_direct, src, any, dst,
                                                            strides, pad, pad);
    dnnl::convolution_backward_weights::primitive_desc backward(bwdDesc, attr, engine(), forward);
    weights = backward.diff_weights_desc();
    scratchBytes = backward.scratchpad_desc().get_size();
    primitive = dnnl::convolution_backward_weights(backward);
  }

  // Runs on images [first, first + batch) of the whole-batch arrays; weights is this call's own.
  void run(float* srcAll, float* dstAll, float* weightsOut, int64_t first, std::vector<char>& scratch,
           bool backwardWeights) const {
    dnnl::stream stream(engine());
    if (scratch.size() < scratchBytes) scratch.resize(scratchBytes);
    size_t srcImage = src.get_size() / sizeof(float) / src.dims()[0];
    size_t dstImage = dst.get_size() / sizeof(float) / dst.dims()[0];
    dnnl::memory s(src, engine(), srcAll + first * srcImage), d(dst, engine(), dstAll + first * dstImage),
        w(weights, engine(), weightsOut),
        pad({{static_cast<int64_t>(scratchBytes)}, dt::u8, tag::x}, engine(), scratch.data());
    if (backwardWeights)
      primitive.execute(stream, {{DNNL_ARG_SRC, s}, {DNNL_ARG_DIFF_DST, d}, {DNNL_ARG_DIFF_WEIGHTS, w},
                                 {DNNL_ARG_SCRATCHPAD, pad}});
    else
      primitive.execute(stream, {{DNNL_ARG_SRC, s}, {DNNL_ARG_WEIGHTS, w}, {DNNL_ARG_DST, d},
                                 {DNNL_ARG_SCRATCHPAD, pad}});
    stream.wait();
  }
};

void startBusyCore() {
  pid_t child = fork();
  if (child != 0) return;
  prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (getppid() == 1) _exit(0);  // the parent died before prctl took effect
  for (volatile uint64_t i = 0;; i = i + 1) {
  }
}

int flagValue(int argc, char** argv, const char* name, int fallback) {
  for (int i = 1; i + 1 < argc; i++)
    if (std::strcmp(argv[i], name) == 0) {
      int value = std::atoi(argv[i + 1]);
      if (value < 1) {
        std::fprintf(stderr, "split-conv: %s must be a positive integer, got '%s'\n", name, argv[i + 1]);
        std::exit(2);
      }
      return value;
    }
  return fallback;
}

}  // namespace

int main(int argc, char** argv) {
  int chunks = flagValue(argc, argv, "--chunks", 8);
  int rounds = flagValue(argc, argv, "--rounds", 10);
  bool busy = false;
  for (int i = 1; i < argc; i++) busy |= std::strcmp(argv[i], "--busy") == 0;
  if (kBatch % chunks != 0) {
    std::fprintf(stderr, "split-conv: --chunks must divide the batch of %lld\n", static_cast<long long>(kBatch));
    return 2;
  }
  if (busy) startBusyCore();
  std::printf("AlexNet@224 b32, median of %d rounds, %s; gain = 1-thread time / time\n", rounds,
              busy ? "one core kept busy by another process" : "quiet");
  const int64_t per = kBatch / chunks;
  for (const Layer& l : kLayers)
    for (bool backwardWeights : {false, true}) {
      Conv one(l, kBatch, 1, backwardWeights), two(l, kBatch, 2, backwardWeights), chunk(l, per, 1, backwardWeights);
      std::vector<float> src(one.src.get_size() / 4, 0.5f), dst(one.dst.get_size() / 4, 0.25f);
      size_t weightsFloats = std::max(one.weights.get_size(), chunk.weights.get_size()) / 4;
      std::vector<float> weights(weightsFloats, 0.01f), partials(weightsFloats * chunks);
      std::vector<std::vector<char>> scratch(2);
      std::function<void()> variants[] = {
          [&] {
            omp_set_num_threads(1);
            one.run(src.data(), dst.data(), weights.data(), 0, scratch[0], backwardWeights);
          },
          [&] {
            omp_set_num_threads(2);
            two.run(src.data(), dst.data(), weights.data(), 0, scratch[0], backwardWeights);
          },
          [&] {
            size_t partial = chunk.weights.get_size() / 4;
#pragma omp parallel num_threads(2)
            {
#pragma omp for schedule(dynamic, 1)
              for (int c = 0; c < chunks; c++) {
                float* out = backwardWeights ? partials.data() + c * partial : weights.data();
                chunk.run(src.data(), dst.data(), out, c * per, scratch[omp_get_thread_num()], backwardWeights);
              }
              if (backwardWeights) {
#pragma omp for schedule(static)
                for (size_t j = 0; j < partial; j++) {
                  float sum = partials[j];
                  for (int c = 1; c < chunks; c++) sum += partials[c * partial + j];
                  weights[j] = sum;
                }
              }
            }
          }};
      std::vector<double> times[3];
      for (auto& variant : variants) variant();  // warm-up: JIT code, pages, caches
      for (int r = 0; r < rounds; r++)
        for (int v = 0; v < 3; v++) {
          double start = seconds();
          variants[v]();
          times[v].push_back(seconds() - start);
        }
      double median[3];
      for (int v = 0; v < 3; v++) {
        std::sort(times[v].begin(), times[v].end());
        median[v] = times[v][times[v].size() / 2];
      }
      std::printf("%-15s %-16s 1 thread %6.1f ms | oneDNN's 2 threads %6.1f ms, gain %.2f | %d chunks pulled by 2 threads %6.1f ms, gain %.2f\n",
                  l.name, backwardWeights ? "backward weights" : "forward", median[0] * 1e3, median[1] * 1e3,
                  median[0] / median[1], chunks, median[2] * 1e3, median[0] / median[2]);
      std::fflush(stdout);
    }
  const Layer& l = kLayers[3];
  const int64_t out = l.out(), slice = l.oc / chunks;
  dnnl::memory::desc src{{kBatch, l.ic, l.in, l.in}, dt::f32, tag::nhwc},
      dense{{kBatch, slice, out, out}, dt::f32, tag::nhwc},
      strided{{kBatch, slice, out, out}, dt::f32, dnnl::memory::dims{out * out * l.oc, 1, out * l.oc, l.oc}},
      any{{slice, l.ic, l.kernel, l.kernel}, dt::f32, tag::any};
  dnnl::memory::dims strides{l.stride, l.stride}, pad{l.pad, l.pad};
  dnnl::convolution_forward::primitive_desc hint(
      dnnl::convolution_forward::desc(dnnl::prop_kind::forward_training, dnnl::algorithm::convolution_direct, src,
                                      any, dense, strides, pad, pad),
      engine());
  for (const auto& [name, dy] : {std::pair{"dense", dense}, std::pair{"strided", strided}}) {
    dnnl::convolution_backward_weights::primitive_desc pd(
        dnnl::convolution_backward_weights::desc(dnnl::algorithm::convolution_direct, src, any, dy, strides, pad,
                                                 pad),
        engine(), hint);
    std::printf("%s backward weights for %lld of %lld output channels, dy %s: oneDNN picks %s\n", l.name,
                static_cast<long long>(slice), static_cast<long long>(l.oc), name, pd.impl_info_str());
  }
  return 0;
}
