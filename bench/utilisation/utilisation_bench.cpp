// How busy the mapper's mappings keep the PE array (issue #12), by the analytical model and
// on the RTL, at ideal memory (DRAM 4096 B/cycle, latency 0) with 64 KiB buffers:
//  1. SCALE-Sim's first ResNet-50 layers (its Resnet50.csv, no padding) on 16x16 and 32x32,
//     output- and weight-stationary, beside SCALE-Sim v2's cycles as issue #12 quotes them;
//  2. the whole of ResNet-50 (configs/workloads/resnet50.json) on 16x16, against the MAC
//     bound (total MACs / PEs);
//  3. 3x3 depthwise layers (56x56 and 14x14 outputs, 96 to 576 channels) on 16x16.
// The mapper sees the hardware point restricted to one dataflow for the SCALE-Sim columns;
// the RTL runs each mapping on the same array built with both dataflows (the mapping runs
// the same program on it). Every RTL output is checked against the golden model.
//   usage: utilisation_bench [--budget N] [--objective delay|edp] [--no-rtl] [--out FILE]
#include <CLI/CLI.hpp>
#include <array>
#include <chrono>
#include <cstdio>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "search/codesign/codesign_search.hpp"
#include "search/codesign/mapper.hpp"
#include "tb/mapped_layer.hpp"
#include "util/atomic_file.hpp"

namespace {

using namespace codesign;

// SCALE-Sim v2's cycles for 16 OS, 16 WS, 32 OS, 32 WS, as issue #12 quotes them (SCALE-Sim
// does not run here).
const std::map<std::string, std::array<std::uint64_t, 4>> kScaleSim = {
    {"Conv1", {535955, 485839, 158421, 121939}},
    {"CB2a_1", {73695, 50911, 24695, 12919}},
    {"CB2a_2", {443591, 426527, 117391, 108359}},
    {"CB2a_3", {294783, 203647, 98783, 51679}}};

// One mapped layer: the mapper's choice on `mapper_hw`, its model counts, and (once run) the
// RTL's on `rtl_hw` (the same array with both dataflows).
struct Run {
  mapping::Layer layer;
  arch::HwConfig mapper_hw, rtl_hw;
  search::LayerMapping mapped;
  std::uint64_t rtl_cycles = 0;
  std::string rtl_status = "not run";
};

std::string fmt(const char* f, double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, f, v);
  return buf;
}

std::string cycles(std::uint64_t c) {
  // Thin spaces between thousands, as the table.
  std::string s = std::to_string(c), out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (i > 0 && (s.size() - i) % 3 == 0) out += ' ';
    out += s[i];
  }
  return out;
}

std::string rtl_cell(const Run& r) {
  return r.rtl_status == "ok" ? cycles(r.rtl_cycles) : r.rtl_status;
}

// Useful MACs per PE and cycle on the RTL, as a percentage; "–" when it did not run.
std::string rtl_utilisation(const Run& r, const char* format) {
  if (r.rtl_status != "ok") return "–";
  const arch::BuildConfig& b = r.rtl_hw.build;
  return fmt(format, 100.0 * static_cast<double>(r.layer.macs()) /
                         (static_cast<double>(r.rtl_cycles) * b.rows * b.cols));
}

// A compact description of a mapping: patch lowering, dataflow, spatial and streamed tiles,
// buffering.
std::string describe(const mapping::Mapping& m) {
  using mapping::Dim;
  auto t = [&](Dim d) { return m.compute_tile[mapping::index(d)]; };
  std::string s = m.patch == 1
                      ? std::string()
                      : "patches " + std::to_string(m.patch) + "x" + std::to_string(m.patch) + ", ";
  s += std::string(arch::to_string(m.dataflow)) + " rows " + mapping::to_string(m.row_dim) + "=" +
       std::to_string(t(m.row_dim)) + ", cols K=" + std::to_string(t(Dim::kK)) + ", stream ";
  s += m.dataflow == arch::Dataflow::kOutputStationary
           ? "CRS=" + std::to_string(t(Dim::kC) * t(Dim::kR) * t(Dim::kS))
           : "NPQ=" + std::to_string(t(Dim::kN) * t(Dim::kP) * t(Dim::kQ));
  return s + (m.double_buffer ? ", double-buffered" : "");
}

// Maps a layer on `mapper_hw`; the layer must have a mapping there.
Run map_layer(const mapping::Layer& l, const arch::HwConfig& mapper_hw,
              const arch::HwConfig& rtl_hw, const arch::EnergyTable& energy,
              const search::MapperOptions& options) {
  const auto best = search::best_mapping(mapper_hw, l, energy, options);
  if (!best) throw std::runtime_error(l.name + " has no valid mapping on " + mapper_hw.name);
  return {l, mapper_hw, rtl_hw, *best};
}

// Runs every run on the RTL, one simulator process per hardware point.
void run_on_rtl(std::vector<Run*> runs, const systemc::BuildCache& cache) {
  std::map<std::string, std::vector<Run*>> by_hw;
  for (Run* r : runs) by_hw[r->rtl_hw.name].push_back(r);
  for (auto& [name, group] : by_hw) {
    std::vector<tb::MappedLayer> jobs;
    for (const Run* r : group) jobs.push_back({r->layer, r->mapped.mapping, 1});
    tb::MappedRunOptions options;
    options.run.timeout_s = 4 * 3600;
    const auto t0 = std::chrono::steady_clock::now();
    std::fprintf(stderr, "utilisation_bench: %zu layers on the RTL of %s\n", jobs.size(),
                 name.c_str());
    const auto results = tb::run_mapped_layers(group[0]->rtl_hw, jobs, cache, options);
    for (std::size_t i = 0; i < group.size(); ++i) {
      group[i]->rtl_cycles = results[i].counts.cycles;
      group[i]->rtl_status = results[i].ok() ? "ok"
                             : results[i].status == systemc::RtlStatus::kOk
                                 ? "mismatch"
                                 : systemc::to_string(results[i].status);
    }
    std::fprintf(stderr, "  %.0f s\n",
                 std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
  }
}

arch::HwConfig only(arch::HwConfig hw, arch::Dataflow d) {
  hw.build.output_stationary = d == arch::Dataflow::kOutputStationary;
  hw.build.weight_stationary = d == arch::Dataflow::kWeightStationary;
  hw.name += d == arch::Dataflow::kOutputStationary ? "-os" : "-ws";
  return hw;
}

}  // namespace

int main(int argc, char** argv) {
  search::MapperOptions mapper;
  mapper.objective = search::MapperObjective::kDelay;
  std::string objective = "delay", out_file, cache_dir;
  bool rtl = true;
  CLI::App app{"Utilisation benchmark: SCALE-Sim's ResNet-50 layers, ResNet-50, depthwise"};
  app.add_option("--budget", mapper.budget, "mapper: model evaluations per layer")
      ->check(CLI::Range(1, 10000000));
  app.add_option("--objective", objective, "mapper objective")
      ->check(CLI::IsMember({"delay", "edp"}));
  app.add_option("--seed", mapper.seed, "mapper seed");
  app.add_flag("--rtl,!--no-rtl", rtl, "also run every mapping on the RTL (default: on)");
  app.add_option("--out", out_file, "also write the tables (Markdown) to this file");
  app.add_option("--cache", cache_dir, "simulator build cache");
  CLI11_PARSE(app, argc, argv);
  if (objective == "edp") mapper.objective = search::MapperObjective::kEdp;

  const auto t_start = std::chrono::steady_clock::now();
  const std::string src = CODESIGN_SOURCE_DIR;
  const std::string dir = src + "/bench/utilisation/";
  const arch::EnergyTable energy = arch::load_energy_table(arch::default_energy_table_path());
  const arch::HwConfig hw16 = arch::load_hw_config(dir + "hw/ideal_16x16.json");
  const arch::HwConfig hw32 = arch::load_hw_config(dir + "hw/ideal_32x32.json");
  const mapping::Workload scalesim = mapping::load_workload(dir + "scalesim_resnet50.json");
  const mapping::Workload depthwise = mapping::load_workload(dir + "depthwise.json");
  const mapping::Workload resnet = mapping::load_workload(src + "/configs/workloads/resnet50.json");

  // 1. SCALE-Sim's layers: 16 OS, 16 WS, 32 OS, 32 WS per layer.
  std::vector<std::array<Run, 4>> table1;
  for (const mapping::Layer& l : scalesim.layers) {
    std::array<Run, 4> row;
    int col = 0;
    for (const arch::HwConfig* hw : {&hw16, &hw32})
      for (auto d : {arch::Dataflow::kOutputStationary, arch::Dataflow::kWeightStationary})
        row[col++] = map_layer(l, only(*hw, d), *hw, energy, mapper);
    table1.push_back(row);
  }
  // 2. ResNet-50's distinct layers and 3. the depthwise layers, on 16x16 with both dataflows.
  std::vector<Run> table2, table3;
  std::uint64_t default_cycles = 0;  // ResNet-50 on the default point (16 B/cycle), model only
  const arch::HwConfig hw_default = arch::load_hw_config(src + "/configs/hw/default.json");
  for (const mapping::Layer& l : mapping::distinct_shapes(resnet.layers).distinct) {
    table2.push_back(map_layer(l, hw16, hw16, energy, mapper));
    default_cycles +=
        l.repeat * map_layer(l, hw_default, hw_default, energy, mapper).mapped.metrics.cycles;
  }
  for (const mapping::Layer& l : depthwise.layers)
    table3.push_back(map_layer(l, hw16, hw16, energy, mapper));
  const double mapper_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t_start).count();

  if (rtl) {
    std::vector<Run*> all;
    for (auto& row : table1)
      for (Run& r : row) all.push_back(&r);
    for (Run& r : table2) all.push_back(&r);
    for (Run& r : table3) all.push_back(&r);
    run_on_rtl(all, systemc::BuildCache(cache_dir));
  }

  std::string md = "Mapper: " + std::to_string(mapper.budget) + " model evaluations per layer, " +
                   "objective " + objective + ", seed " + std::to_string(mapper.seed) + ".\n\n";
  md +=
      "### SCALE-Sim's first ResNet-50 layers (cycles; SCALE-Sim's figures as issue #12 quotes "
      "them)\n\n| layer | MAC bound 16×16 / 32×32 | SCALE-Sim 16 OS / 16 WS / 32 OS / 32 WS | "
      "model 16 OS / 16 WS / 32 OS / 32 WS | RTL 16 OS / 16 WS / 32 OS / 32 WS | RTL / "
      "SCALE-Sim |\n|---|---|---|---|---|---|\n";
  std::string mappings;
  for (const auto& row : table1) {
    const mapping::Layer& l = row[0].layer;
    const auto& ref = kScaleSim.at(l.name);
    std::string model, on_rtl, ratio;
    for (int i = 0; i < 4; ++i) {
      const std::string sep = i ? " / " : "";
      model += sep + cycles(row[i].mapped.metrics.cycles);
      on_rtl += sep + rtl_cell(row[i]);
      ratio += sep + (row[i].rtl_status == "ok"
                          ? fmt("%.2f", static_cast<double>(row[i].rtl_cycles) / ref[i])
                          : "–");
      mappings += "| " + l.name + " | " + row[i].mapper_hw.name + " | " +
                  describe(row[i].mapped.mapping) + " |\n";
    }
    md += "| " + l.name + " | " + cycles(l.macs() / 256) + " / " + cycles(l.macs() / 1024) + " | " +
          cycles(ref[0]) + " / " + cycles(ref[1]) + " / " + cycles(ref[2]) + " / " +
          cycles(ref[3]) + " | " + model + " | " + on_rtl + " | " + ratio + " |\n";
  }
  md += "\nThe mappings chosen:\n\n| layer | hardware | mapping |\n|---|---|---|\n" + mappings;

  std::uint64_t macs = 0, model_cycles = 0, rtl_cycles = 0;
  bool rtl_ok = rtl;
  std::string per_layer;
  for (const Run& r : table2) {
    macs += r.layer.macs() * r.layer.repeat;
    model_cycles += r.mapped.metrics.cycles * r.layer.repeat;
    rtl_cycles += r.rtl_cycles * r.layer.repeat;
    rtl_ok = rtl_ok && r.rtl_status == "ok";
    per_layer += "| " + r.layer.name + " | " + std::to_string(r.layer.repeat) + " | " +
                 cycles(r.mapped.metrics.cycles) + " | " + rtl_cell(r) + " | " +
                 fmt("%.1f%%", 100 * r.mapped.metrics.utilisation) + " | " +
                 rtl_utilisation(r, "%.1f%%") + " | " + describe(r.mapped.mapping) + " |\n";
  }
  const double bound = static_cast<double>(macs) / 256;
  md += "\n### ResNet-50 on 16×16, ideal memory\n\n" + std::to_string(resnet.layers.size()) +
        " layers (" + std::to_string(table2.size()) + " distinct shapes, each run once and " +
        "counted `repeat` times), " + cycles(macs) + " MACs: MAC bound " +
        cycles(static_cast<std::uint64_t>(bound)) + " cycles. Model: " + cycles(model_cycles) +
        " cycles, **" + fmt("%.1f%%", 100 * bound / static_cast<double>(model_cycles)) +
        "** of the MAC bound. RTL: " +
        (rtl_ok ? cycles(rtl_cycles) + " cycles, **" +
                      fmt("%.1f%%", 100 * bound / static_cast<double>(rtl_cycles)) +
                      "** of the MAC bound."
                : std::string("not run or failed (see the table).")) +
        " On the default point (configs/hw/default.json: DRAM 16 B/cycle, latency 100), by the "
        "model: " +
        cycles(default_cycles) + " cycles, " +
        fmt("%.1f%%", 100 * bound / static_cast<double>(default_cycles)) +
        " of the MAC bound.\n\n| layer | repeat | model cycles | RTL cycles | model util. | RTL "
        "util. | mapping "
        "|\n|---|---|---|---|---|---|---|\n" +
        per_layer;

  md +=
      "\n### 3×3 depthwise layers on 16×16, ideal memory\n\n| layer | MACs | model cycles | RTL "
      "cycles | model util. | RTL util. | mapping |\n|---|---|---|---|---|---|---|\n";
  for (const Run& r : table3)
    md += "| " + r.layer.name + " | " + cycles(r.layer.macs()) + " | " +
          cycles(r.mapped.metrics.cycles) + " | " + rtl_cell(r) + " | " +
          fmt("%.2f%%", 100 * r.mapped.metrics.utilisation) + " | " + rtl_utilisation(r, "%.2f%%") +
          " | " + describe(r.mapped.mapping) + " |\n";

  const double total_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t_start).count();
  md += "\nWall time: mapping " + fmt("%.1f", mapper_s) + " s, total " + fmt("%.0f", total_s) +
        " s" + (rtl ? " (RTL builds included unless cached)" : "") + ".\n";
  std::fputs(md.c_str(), stdout);
  if (!out_file.empty()) util::write_file_atomic(out_file, md);
  bool ok = true;
  for (const auto& row : table1)
    for (const Run& r : row) ok = ok && (!rtl || r.rtl_status == "ok");
  for (const Run& r : table2) ok = ok && (!rtl || r.rtl_status == "ok");
  for (const Run& r : table3) ok = ok && (!rtl || r.rtl_status == "ok");
  return ok ? 0 : 1;
}
