#include "search/random_search.hpp"

namespace codesign::search {

RandomSearch::RandomSearch(Space space, RandomOptions options)
    : Optimizer(std::move(space)), rng_(options.seed) {}

std::vector<Point> RandomSearch::propose(std::size_t q) {
  std::vector<Point> batch;
  while (batch.size() < q) batch.push_back(fresh_sample(rng_, batch));
  return batch;
}

}  // namespace codesign::search
