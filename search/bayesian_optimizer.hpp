// Constrained Bayesian optimisation behind ask/tell: random feasible warm-up, then a GP on
// the objective and a feasibility model on every outcome (on a bounded subset of them once
// there are many), an acquisition maximised over feasible candidates only, and batches (and
// points still pending) by kriging believer.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include "search/acquisition.hpp"
#include "search/candidate_search.hpp"
#include "search/feasibility_model.hpp"
#include "search/gaussian_process.hpp"
#include "search/optimizer.hpp"
#include "search/training_subset.hpp"

namespace codesign::search {

// What the GP sees of a point: by default the space's encoding; a domain-aware map (derived
// quantities such as total PEs or buffer bytes) often models the objective better. Each
// feature is rescaled to the range of the data, so give quantities spanning decades as logs.
using FeatureMap = std::function<std::vector<double>(const Point&)>;

struct BoOptions {
  std::uint64_t seed = 1;
  // Random feasible points asked for before any model is trusted.
  std::size_t warmup = 10;
  AcquisitionOptions acquisition;
  CandidateSearchOptions candidates;
  // Local moves start from this many of the best trials.
  std::size_t centres = 5;
  GpOptions objective_model;
  GpOptions label_model = default_label_model();
  GpOptions margin_model;
  // Which trials the models learn from once there are many: bounds the cost of a step.
  SubsetOptions model_data;
  FeatureMap features;  // empty: Space::encode
};

std::unique_ptr<Optimizer> make_optimizer(Space space, BoOptions options);

}  // namespace codesign::search
