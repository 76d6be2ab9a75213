#include "search/mean.hpp"

#include <cmath>
#include <stdexcept>

namespace codesign::search {
namespace {

class ConstantMean final : public Mean {
 public:
  explicit ConstantMean(double value) : value_(value) {}
  std::unique_ptr<Mean> clone() const override { return std::make_unique<ConstantMean>(*this); }
  void fit(const Eigen::MatrixXd&, const Eigen::VectorXd&) override {}
  Eigen::VectorXd operator()(const Eigen::MatrixXd& X) const override {
    return Eigen::VectorXd::Constant(X.rows(), value_);
  }

 private:
  double value_;
};

class DataMean final : public Mean {
 public:
  std::unique_ptr<Mean> clone() const override { return std::make_unique<DataMean>(*this); }
  void fit(const Eigen::MatrixXd&, const Eigen::VectorXd& y) override {
    average_ = y.size() > 0 ? y.mean() : 0.0;
  }
  Eigen::VectorXd operator()(const Eigen::MatrixXd& X) const override {
    return Eigen::VectorXd::Constant(X.rows(), average_);
  }

 private:
  double average_ = 0.0;
};

}  // namespace

std::unique_ptr<Mean> make_mean(const MeanOptions& options) {
  switch (options.type) {
    case MeanType::kData:
      return std::make_unique<DataMean>();
    case MeanType::kZero:
      return std::make_unique<ConstantMean>(0.0);
    case MeanType::kConstant:
      if (!std::isfinite(options.constant)) {
        throw std::invalid_argument("MeanOptions: the constant must be finite");
      }
      return std::make_unique<ConstantMean>(options.constant);
  }
  throw std::invalid_argument("make_mean: unknown mean type");
}

}  // namespace codesign::search
