// The jobs a study submits to an executor (a job is a directory: executor/job_dir.hpp), and
// the worker side that runs them (`codesign worker JOB_DIR` calls run_job):
//   "map"       the inner search of one hardware point by the analytical model: its model
//               trial (every layer's mapping and metrics)
//   "simulate"  one layer with its mapping on the hardware point's RTL, every output checked
//               against the golden model: its activity counts
// A job holds everything it needs (no path to a config file that could change meanwhile),
// except the simulator build cache, a directory shared by the driver's host and the nodes.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "arch/hw_config.hpp"
#include "mapping/mapping.hpp"
#include "mapping/workload.hpp"
#include "search/codesign/mapper.hpp"
#include "store/study_store.hpp"
#include "tb/mapped_layer.hpp"

namespace codesign::study {

struct MapJob {
  arch::HwConfig hw;
  std::vector<mapping::Layer> layers;
  nlohmann::json energy;  // the energy table as read from its file
  search::MapperOptions mapper;
  // Per layer, the inner search's warm starts (earlier points' best mappings, most recent
  // first), as they were when the point was proposed.
  std::vector<std::vector<mapping::Mapping>> warm;
  double area_mm2 = 0;   // the design's area (0: not known)
  bool leakage = false;  // price leakage of that area in every mapping
  std::string algorithm;
};

struct SimulateJob {
  arch::HwConfig hw;
  mapping::Layer layer;
  mapping::Mapping mapping;
  std::uint64_t seed = 1;  // of the random operands
  std::string cache_dir;   // simulator build cache ("" for the default)
  double timeout_s = 600;  // of the simulator process
};

struct SimulateOutcome {
  tb::MappedLayerResult result;
  bool build_cached = false;  // the simulator was built before this job
  double build_s = 0;
};

nlohmann::json to_json(const MapJob& job);
nlohmann::json to_json(const SimulateJob& job);
nlohmann::json to_json(const SimulateOutcome& outcome);
// Strict readers: errors name `where` and the key (util::ConfigError).
MapJob map_job_from_json(const nlohmann::json& j, const std::string& where);
SimulateJob simulate_job_from_json(const nlohmann::json& j, const std::string& where);
SimulateOutcome simulate_outcome_from_json(const nlohmann::json& j, const std::string& where);

// The model trial of the job's hardware point (not stored: the driver stores it).
store::Trial run_map_job(const MapJob& job);
// Builds (or finds) the simulator and runs the layer; a failed build or run is an outcome.
SimulateOutcome run_simulate_job(const SimulateJob& job);

// The worker's handler: runs a job of either kind and returns its output (a trial, or a
// simulation outcome).
nlohmann::json run_job(const nlohmann::json& job);

}  // namespace codesign::study
