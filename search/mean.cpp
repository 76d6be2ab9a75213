#include "search/mean.hpp"

#include <cmath>
#include <stdexcept>

namespace codesign::search {

double prior_mean(const MeanOptions& options, const Eigen::VectorXd& y) {
  switch (options.type) {
    case MeanType::kData:
      return y.size() > 0 ? y.mean() : 0.0;
    case MeanType::kZero:
      return 0.0;
    case MeanType::kConstant:
      if (!std::isfinite(options.constant)) {
        throw std::invalid_argument("MeanOptions: the constant must be finite");
      }
      return options.constant;
  }
  throw std::invalid_argument("prior_mean: unknown mean type");
}

}  // namespace codesign::search
