// The prior mean of a Gaussian process: what it predicts far from any datum, in the outputs'
// units, constant over the inputs. The data's average is the default for an objective; zero
// suits a classifier on ±1 labels (far from data, P → 1/2); a given constant encodes a prior
// belief, e.g. a pessimistic one about feasibility.
#pragma once

#include <Eigen/Dense>

namespace codesign::search {

enum class MeanType { kData, kZero, kConstant };

struct MeanOptions {
  MeanType type = MeanType::kData;
  double constant = 0.0;  // kConstant's value
};

// The prior mean for outputs y. Throws std::invalid_argument for a constant that is not
// finite.
double prior_mean(const MeanOptions& options, const Eigen::VectorXd& y);

}  // namespace codesign::search
