// A regression suite (configs/regress/*.json): cases of (accelerator variant, workload,
// mapping source, operand seed, stall injection, tolerances), written one by one or as a
// cross-product of variants and workloads. Loading resolves every file a case refers to, so
// that a case is a self-contained job: it carries its hardware point, layers, mappings and
// energy table, and runs anywhere (regress/case_json.hpp is its codec).
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "arch/hw_config.hpp"
#include "arch/isa.hpp"
#include "mapping/mapping.hpp"
#include "mapping/workload.hpp"

namespace codesign::regress {

// The largest seed a suite or a case file may give: the simulator's job file holds signed
// JSON integers, so seeds stay below 2^63.
constexpr std::int64_t kMaxSeed = std::int64_t{1} << 62;

// What a case is judged by; lower is better for each.
enum class Metric { kCycles, kEnergy, kEdp, kArea };
inline constexpr std::array<Metric, 4> kMetrics = {Metric::kCycles, Metric::kEnergy, Metric::kEdp,
                                                   Metric::kArea};
const char* to_string(Metric m);  // "cycles", "energy", "edp", "area" (the suite's keys)
const char* unit_of(Metric m);    // "cycles", "pJ", "J*s", "mm2"

// A value within `absolute + relative * |baseline|` of its baseline is unchanged.
struct Tolerance {
  double relative = 0;
  double absolute = 0;
  double allowance(double baseline) const;
  std::string describe() const;  // "±(1% + 0)"
};

enum class MappingSource {
  kAuto,    // the mapper (analytical model), seeded
  kFile,    // a mapping file, {"layers": {name: mapping}}
  kExport,  // an exported design's own mappings; its programs must still compile the same
};
const char* to_string(MappingSource s);

struct Case {
  std::string name;     // unique in the suite; "variant/workload" for a cross-product
  std::string variant;  // the accelerator variant (JUnit testsuite)
  std::string origin;   // where the suite defines it, for messages: "s.json: cases[2]"
  arch::HwConfig hw;
  std::string workload;  // the workload's name
  std::vector<mapping::Layer> layers;
  MappingSource mapping_source = MappingSource::kAuto;
  std::uint64_t mapper_seed = 1;
  std::size_t mapper_budget = 300;
  std::vector<mapping::Mapping> mappings;      // one per layer unless kAuto
  std::vector<arch::Program> export_programs;  // one per layer for kExport
  std::uint64_t operand_seed = 1;
  double stall_probability = 0;            // random DRAM-side stalls
  double timeout_s = 3600;                 // wall-clock limit of the simulation
  bool area = false;                       // measure the design's area (Yosys-calibrated model)
  bool leakage = false;                    // price leakage from that area (implies area)
  nlohmann::json energy_table;             // the table's contents
  std::map<Metric, Tolerance> tolerances;  // every metric; unset ones are exact
  std::string cache_dir;                   // simulator build cache ("" = the default)
};

struct Suite {
  std::string name;
  std::string file;
  std::vector<Case> cases;  // in the order the suite writes them
};

// Reads and validates a suite; paths in it are relative to the suite file. Throws
// util::ConfigError naming the file, the key and the accepted range.
Suite load_suite(const std::string& file);

// The cases whose name matches a shell glob ("" or "*" keeps all); fnmatch rules, where
// `*` also matches `/`.
std::vector<Case> filter_cases(const std::vector<Case>& cases, const std::string& glob);

}  // namespace codesign::regress
