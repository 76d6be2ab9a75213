// Reproducible random test inputs (Eigen's Random() draws from the global rand() state,
// so results would depend on which tests ran before).
#pragma once

#include <Eigen/Dense>
#include <random>

namespace codesign::search::testing {

// Entries uniform in [-1, 1].
inline Eigen::MatrixXd random_matrix(long rows, long cols, unsigned seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> unit(-1.0, 1.0);
  Eigen::MatrixXd M(rows, cols);
  for (long j = 0; j < cols; ++j) {
    for (long i = 0; i < rows; ++i) M(i, j) = unit(rng);
  }
  return M;
}

}  // namespace codesign::search::testing
