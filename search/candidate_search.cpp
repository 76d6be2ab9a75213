#include "search/candidate_search.hpp"

#include <algorithm>
#include <set>

namespace codesign::search {
namespace {

// Candidates scored so far, each point once.
class Pool {
 public:
  Pool(const BatchScorer& score, const std::function<bool(const Point&)>& skip)
      : score_(score), skip_(skip) {}

  void score(std::vector<Point> points) {
    std::vector<Point> fresh;
    for (Point& x : points) {
      if (!skip_(x) && known_.insert(x).second) fresh.push_back(std::move(x));
    }
    if (fresh.empty()) return;
    std::vector<Score> scores = score_(fresh);
    for (std::size_t i = 0; i < fresh.size(); ++i) ranked_.push_back({scores[i], fresh[i]});
    std::stable_sort(ranked_.begin(), ranked_.end(),
                     [](const auto& a, const auto& b) { return b.first < a.first; });
  }
  // The n best points, best first.
  std::vector<Point> top(std::size_t n) const {
    std::vector<Point> best;
    for (std::size_t i = 0; i < std::min(n, ranked_.size()); ++i) best.push_back(ranked_[i].second);
    return best;
  }

 private:
  const BatchScorer& score_;
  const std::function<bool(const Point&)>& skip_;
  std::set<Point> known_;
  std::vector<std::pair<Score, Point>> ranked_;
};

// `count` feasible moves spread over `centres`, a bounded number of tries each.
std::vector<Point> local_moves(const Space& space, const std::vector<Point>& centres,
                               std::size_t count, double scale, std::mt19937_64& rng) {
  std::vector<Point> moves;
  if (centres.empty()) return moves;
  const std::size_t kTriesPerMove = 4;
  for (std::size_t i = 0; i < count * kTriesPerMove && moves.size() < count; ++i) {
    Point y = space.neighbour(centres[i % centres.size()], rng, scale);
    if (space.feasible(y)) moves.push_back(std::move(y));
  }
  return moves;
}

}  // namespace

std::optional<Point> maximize_acquisition(const Space& space, const BatchScorer& score,
                                          const std::vector<Point>& centres,
                                          const std::function<bool(const Point&)>& skip,
                                          const CandidateSearchOptions& options,
                                          std::mt19937_64& rng) {
  Pool pool(score, skip);
  std::vector<Point> first;
  for (std::size_t i = 0; i < options.samples; ++i) first.push_back(space.sample(rng));
  std::vector<Point> near = local_moves(space, centres, options.local_moves, options.scale, rng);
  first.insert(first.end(), near.begin(), near.end());
  pool.score(std::move(first));

  double scale = options.scale;
  for (std::size_t round = 0; round < options.refine_rounds; ++round) {
    pool.score(
        local_moves(space, pool.top(options.refine_centres), options.refine_moves, scale, rng));
    scale *= options.shrink;
  }
  std::vector<Point> best = pool.top(1);
  if (best.empty()) return std::nullopt;
  return best.front();
}

}  // namespace codesign::search
