#include "search/random_search.hpp"

#include <random>

namespace codesign::search {
namespace {

class RandomSearch final : public Optimizer {
 public:
  RandomSearch(Space space, RandomOptions options)
      : Optimizer(std::move(space)), rng_(options.seed) {}

 private:
  std::vector<Point> propose(std::size_t q) override {
    std::vector<Point> batch;
    while (batch.size() < q) batch.push_back(fresh_sample(rng_, batch));
    return batch;
  }

  std::mt19937_64 rng_;
};

}  // namespace

std::unique_ptr<Optimizer> make_optimizer(Space space, RandomOptions options) {
  return std::make_unique<RandomSearch>(std::move(space), options);
}

}  // namespace codesign::search
