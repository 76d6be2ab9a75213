#include "regress/run_case.hpp"

#include <chrono>
#include <stdexcept>

#include "arch/energy.hpp"
#include "area/area_model.hpp"
#include "area/cell_library.hpp"
#include "area/sram_model.hpp"
#include "area/synthesis.hpp"
#include "mapping/compiler.hpp"
#include "regress/case_json.hpp"
#include "search/codesign/mapper.hpp"
#include "tb/network_on_rtl.hpp"
#include "util/json_reader.hpp"

namespace codesign::regress {

namespace {

double area_mm2_of(const arch::HwConfig& hw) {
  const area::SynthesisCache synthesis;
  area::AreaModel model(synthesis, area::load_cell_library(area::default_cell_library_path()),
                        area::load_sram_model(area::default_sram_model_path()));
  return model.area(hw.build).total_mm2();
}

// The export shipped a program per layer; the same mapping must still compile to it, or the
// export's programs are stale (the compiler or the ISA changed since it was made).
std::string stale_program(const Case& c) {
  for (std::size_t i = 0; i < c.layers.size(); ++i) {
    const arch::Program now = mapping::compile(c.hw.build, c.layers[i], c.mappings[i]).program;
    const arch::Program& shipped = c.export_programs.at(i);
    if (now == shipped) continue;
    std::size_t first = 0;
    while (first < now.size() && first < shipped.size() && now[first] == shipped[first]) ++first;
    return c.layers[i].name + ": the mapping now compiles to " + std::to_string(now.size()) +
           " commands, the export's program.json has " + std::to_string(shipped.size()) +
           ", first difference at command " + std::to_string(first) +
           " (the compiler or ISA changed since the export: re-export the design)";
  }
  return "";
}

}  // namespace

CaseResult run_case(const Case& c) {
  const auto t0 = std::chrono::steady_clock::now();
  CaseResult r;
  r.name = c.name;
  try {
    const arch::EnergyTable energy =
        arch::energy_table_from_json(c.energy_table, c.origin + ": energy table");
    const double area_mm2 = c.area ? area_mm2_of(c.hw) : 0;
    std::vector<tb::MappedLayer> layers;
    for (std::size_t i = 0; i < c.layers.size(); ++i) {
      tb::MappedLayer ml{c.layers[i], {}, c.operand_seed};
      if (c.mapping_source == MappingSource::kAuto) {
        const auto best = search::best_mapping(c.hw, c.layers[i], energy,
                                               {"random", c.mapper_budget, c.mapper_seed}, {},
                                               c.leakage ? area_mm2 : 0);
        if (!best) throw std::runtime_error(c.layers[i].name + ": no valid mapping on this design");
        ml.mapping = best->mapping;
      } else {
        ml.mapping = c.mappings.at(i);
      }
      layers.push_back(ml);
    }
    if (c.mapping_source == MappingSource::kExport) {
      const std::string stale = stale_program(c);
      if (!stale.empty()) {
        r.status = RunStatus::kStaleProgram;
        r.reason = stale;
      }
    }
    if (r.status != RunStatus::kStaleProgram) {
      tb::MappedRunOptions options;
      options.run.timeout_s = c.timeout_s;
      options.stall_probability = c.stall_probability;
      const tb::NetworkOnRtl n =
          tb::run_network_on_rtl(c.hw, layers, systemc::BuildCache(c.cache_dir), energy,
                                 c.leakage ? area_mm2 : 0, options);
      r.status = run_status_from_string(n.status, "run_network_on_rtl");
      r.reason = n.reason;
      if (n.ok()) {
        std::uint64_t cycles = 0;
        for (std::size_t i = 0; i < layers.size(); ++i) {
          const nlohmann::json& m = n.layers.at(i).at("metrics");
          LayerMeasurement lm;
          lm.name = layers[i].layer.name;
          lm.repeat = layers[i].layer.repeat;
          lm.cycles = m.at("cycles").get<std::uint64_t>();
          lm.energy_pj = m.at("energy_pj").get<double>();
          lm.outputs_checked = n.layers.at(i).at("outputs_checked").get<std::size_t>();
          lm.mapping = mapping::to_json(layers[i].mapping);
          cycles += static_cast<std::uint64_t>(lm.repeat) * lm.cycles;
          r.layers.push_back(std::move(lm));
        }
        r.metrics[Metric::kCycles] = static_cast<double>(cycles);
        r.metrics[Metric::kEnergy] = n.energy_pj;
        r.metrics[Metric::kEdp] = n.edp_js();
        if (c.area) r.metrics[Metric::kArea] = area_mm2;
        r.delay_s = n.delay_s;
      }
    }
  } catch (const std::exception& e) {
    r.status = RunStatus::kError;
    r.reason = e.what();
  }
  r.wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return r;
}

nlohmann::json run_case_job(const nlohmann::json& job) {
  return to_json(run_case(case_from_job(job, "job.json")));
}

}  // namespace codesign::regress
