// Which observations the models learn from once there are more than a Gaussian process
// handles quickly (O(n³) to factorise, O(n²) per prediction): the best ones (where the search
// concentrates and the optimum's constraints bite), the most recent ones (where it is probing
// now), and a space-filling selection of the rest (the global picture, failures included).
#pragma once

#include <Eigen/Dense>
#include <cstddef>
#include <vector>

namespace codesign::search {

struct SubsetOptions {
  std::size_t max_size = 500;  // observations kept; 0 keeps them all
  double best_share = 0.25;    // of max_size, taken from the front of the ranking
  double recent_share = 0.25;  // of max_size, the last rows (more if the ranking is short)
};

// Row indices of F (one row of features per observation, oldest first), ascending: every
// row while there are at most max_size, else max_size of them. `ranked` lists rows best
// first (it may leave rows out, e.g. those without an objective).
std::vector<std::size_t> training_subset(const Eigen::MatrixXd& F,
                                         const std::vector<std::size_t>& ranked,
                                         const SubsetOptions& options);

}  // namespace codesign::search
