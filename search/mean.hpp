// The prior mean of a Gaussian process: what it predicts far from any datum, in the outputs'
// units. One interface, so the GP is written once for every mean: the data's average (the
// default for an objective), zero (a classifier on ±1 labels: far from data, P → 1/2), or a
// given constant.
#pragma once

#include <Eigen/Dense>
#include <memory>

namespace codesign::search {

class Mean {
 public:
  virtual ~Mean() = default;
  virtual std::unique_ptr<Mean> clone() const = 0;
  // Adapts to the data (rows of X, outputs y), e.g. to their average; called whenever the
  // GP's data are set.
  virtual void fit(const Eigen::MatrixXd& X, const Eigen::VectorXd& y) = 0;
  // The prior mean at each row of X.
  virtual Eigen::VectorXd operator()(const Eigen::MatrixXd& X) const = 0;
};

enum class MeanType { kData, kZero, kConstant };

struct MeanOptions {
  MeanType type = MeanType::kData;
  double constant = 0.0;  // kConstant's value
};

std::unique_ptr<Mean> make_mean(const MeanOptions& options);

}  // namespace codesign::search
