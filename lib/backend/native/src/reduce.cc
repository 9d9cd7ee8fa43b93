// Column sums of a row-major [rows, cols] array: the bias gradient of a
// convolution or dense layer (tfjs sums dy over every axis but the last).
#include <omp.h>

#include <algorithm>

#include "common.h"

namespace d2l {

// sumRows(x, y, shape { rows, cols }): y[c] = Σ_r x[r, c]
Napi::Value SumRows(const Napi::CallbackInfo& info) {
  Napi::Object shape = objectArg(info, 2, "shape");
  int64_t rows = intField(shape, "rows"), cols = intField(shape, "cols");
  const float* x = floatArg(info, 0, "x", rows * cols).data;
  float* y = floatArg(info, 1, "y", cols).data;
  int threads = std::min<int>(threadsForElements(static_cast<double>(rows) * cols), static_cast<int>(rows / 256) + 1);
  std::vector<double> partial(static_cast<size_t>(threads) * cols, 0.0);
  // Each thread sums a block of rows in float for speed, then adds its block into a double total.
#pragma omp parallel num_threads(threads)
  {
    int t = omp_get_thread_num();
    int64_t begin = rows * t / threads, end = rows * (t + 1) / threads;
    std::vector<float> block(cols);
    double* total = partial.data() + static_cast<size_t>(t) * cols;
    for (int64_t r0 = begin; r0 < end; r0 += 256) {
      std::fill(block.begin(), block.end(), 0.f);
      for (int64_t r = r0; r < std::min(end, r0 + 256); r++) {
        const float* row = x + r * cols;
        for (int64_t c = 0; c < cols; c++) block[c] += row[c];
      }
      for (int64_t c = 0; c < cols; c++) total[c] += block[c];
    }
  }
  for (int64_t c = 0; c < cols; c++) {
    double sum = 0;
    for (int t = 0; t < threads; t++) sum += partial[static_cast<size_t>(t) * cols + c];
    y[c] = static_cast<float>(sum);
  }
  return info.Env().Undefined();
}

}  // namespace d2l
