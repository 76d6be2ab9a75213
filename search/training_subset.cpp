#include "search/training_subset.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>

namespace codesign::search {

std::vector<std::size_t> training_subset(const Eigen::MatrixXd& F,
                                         const std::vector<std::size_t>& ranked,
                                         const SubsetOptions& options) {
  if (!(options.best_share >= 0 && options.recent_share >= 0 &&
        options.best_share + options.recent_share <= 1)) {
    throw std::invalid_argument("SubsetOptions: shares must be non-negative and sum to at most 1");
  }
  const std::size_t n = std::size_t(F.rows()), size = options.max_size;
  std::vector<std::size_t> rows;
  if (size == 0 || n <= size) {
    for (std::size_t i = 0; i < n; ++i) rows.push_back(i);
    return rows;
  }
  std::vector<bool> kept(n, false);
  std::size_t count = 0;
  auto keep = [&](std::size_t i) {
    if (i >= n) throw std::invalid_argument("training_subset: ranked row out of range");
    if (kept[i]) return;
    kept[i] = true;
    ++count;
  };

  const auto best = std::size_t(options.best_share * double(size));
  for (std::size_t r = 0; r < ranked.size() && count < best; ++r) keep(ranked[r]);
  const auto recent = std::size_t(options.recent_share * double(size));
  for (std::size_t i = n; i > 0 && count < best + recent; --i) keep(i - 1);

  // The rest greedily, each time the row farthest from every row kept so far (distances in
  // the data's bounding box scaled to the unit cube, so no feature dominates by its units).
  Eigen::RowVectorXd lo = F.colwise().minCoeff(), span = F.colwise().maxCoeff() - lo;
  span = (span.array() > 0).select(span, 1.0);
  const Eigen::MatrixXd U = (F.rowwise() - lo).array().rowwise() / span.array();
  Eigen::VectorXd gap = Eigen::VectorXd::Constant(long(n), std::numeric_limits<double>::max());
  auto shrink_gaps = [&](std::size_t k) {
    gap = gap.cwiseMin((U.rowwise() - U.row(long(k))).rowwise().squaredNorm());
    gap(long(k)) = -1.0;  // kept: never the farthest, even among duplicates
  };
  for (std::size_t i = 0; i < n; ++i) {
    if (kept[i]) shrink_gaps(i);
  }
  while (count < size) {
    long far = 0;
    gap.maxCoeff(&far);
    keep(std::size_t(far));
    shrink_gaps(std::size_t(far));
  }
  for (std::size_t i = 0; i < n; ++i) {
    if (kept[i]) rows.push_back(i);
  }
  return rows;
}

}  // namespace codesign::search
