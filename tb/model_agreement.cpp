#include "tb/model_agreement.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <random>

#include "mapping/mapspace.hpp"
#include "mapping/model.hpp"
#include "tb/mapped_layer.hpp"
#include "util/json_reader.hpp"

namespace codesign::tb {

namespace {

int pick(std::mt19937_64& rng, int lo, int hi) {
  return std::uniform_int_distribution<int>(lo, hi)(rng);
}

arch::HwConfig random_hw(std::mt19937_64& rng, int index) {
  arch::HwConfig hw;
  hw.name = "agree" + std::to_string(index);
  arch::BuildConfig& b = hw.build;
  b.rows = pick(rng, 2, 16);
  b.cols = pick(rng, 2, 16);
  auto bytes = [&](int vector_bytes) {
    return static_cast<std::uint32_t>(pick(rng, 64, 512) * vector_bytes);
  };
  b.input = {bytes(b.input_vector_bytes()), 2};
  b.weight = {bytes(b.weight_vector_bytes()), 2};
  b.accumulator = {bytes(b.acc_vector_bytes()), 2};
  hw.run.dram_bytes_per_cycle = 4 << pick(rng, 0, 3);
  hw.run.dram_latency_cycles = pick(rng, 10, 150);
  return hw;
}

mapping::Layer random_layer(std::mt19937_64& rng) {
  for (;;) {
    mapping::Layer l;
    switch (pick(rng, 0, 4)) {
      case 0:
      case 1:
        l.name = "conv";
        l.c = pick(rng, 3, 40);
        l.k = pick(rng, 4, 48);
        l.h = l.w = pick(rng, 6, 16);
        l.r = l.s = 2 * pick(rng, 0, 2) + 1;
        l.stride = pick(rng, 1, 2);
        l.padding = l.r / 2;
        break;
      case 2:
        l.name = "depthwise";
        l.c = l.k = l.groups = pick(rng, 4, 24);
        l.h = l.w = pick(rng, 6, 14);
        l.r = l.s = 3;
        l.stride = pick(rng, 1, 2);
        l.padding = 1;
        break;
      case 3:
        l.name = "fc";
        l.kind = mapping::LayerKind::kFullyConnected;
        l.n = pick(rng, 1, 16);
        l.c = pick(rng, 16, 200);
        l.k = pick(rng, 8, 100);
        break;
      default:
        l.name = "matmul";
        l.kind = mapping::LayerKind::kMatmul;
        l.groups = pick(rng, 1, 4);
        l.c = l.groups * pick(rng, 8, 32);
        l.k = l.groups * pick(rng, 8, 32);
        l.h = pick(rng, 8, 32);
        break;
    }
    try {
      mapping::validate(l, l.name);
      return l;
    } catch (const util::ConfigError&) {
    }
  }
}

double rel(double model, double rtl) { return rtl != 0 ? (model - rtl) / rtl : 0; }

}  // namespace

std::vector<AgreementCase> sample_agreement_cases(int hw_points, int cases_per_hw,
                                                  std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<AgreementCase> cases;
  for (int h = 0; h < hw_points; ++h) {
    const arch::HwConfig hw = random_hw(rng, h);
    for (int i = 0; i < cases_per_hw;) {
      const mapping::Layer l = random_layer(rng);
      try {
        const mapping::Mapspace space(hw.build, l);
        cases.push_back({hw, l, space.sample(rng), rng() >> 1});
        ++i;
      } catch (const util::ConfigError&) {
        // This layer has no valid mapping on this hardware: draw another.
      }
    }
  }
  return cases;
}

std::vector<AgreementRow> run_agreement(const std::vector<AgreementCase>& cases,
                                        const arch::EnergyTable& energy,
                                        const systemc::BuildCache& cache,
                                        const std::function<void(std::size_t)>& progress) {
  // Group by hardware point (keeping order) so each simulator process runs all its cases.
  std::map<std::string, std::vector<std::size_t>> groups;
  std::vector<std::string> order;
  for (std::size_t i = 0; i < cases.size(); ++i) {
    const std::string key = arch::to_json(cases[i].hw).dump();
    if (!groups.count(key)) order.push_back(key);
    groups[key].push_back(i);
  }
  std::vector<AgreementRow> rows(cases.size());
  std::size_t done = 0;
  for (const std::string& key : order) {
    const std::vector<std::size_t>& idx = groups[key];
    const arch::HwConfig& hw = cases[idx[0]].hw;
    std::vector<MappedLayer> runs;
    for (std::size_t i : idx) runs.push_back({cases[i].layer, cases[i].mapping, cases[i].seed});
    const auto results = run_mapped_layers(hw, runs, cache);
    for (std::size_t j = 0; j < idx.size(); ++j) {
      AgreementRow& r = rows[idx[j]];
      const AgreementCase& c = cases[idx[j]];
      r.c = c;
      r.model_counts = mapping::LayerModel(hw, c.layer).evaluate(c.mapping);
      r.model = arch::metrics_of(r.model_counts, hw, energy);
      r.rtl_counts = results[j].counts;
      r.rtl = arch::metrics_of(r.rtl_counts, hw, energy);
      r.status = results[j].ok() ? "ok"
                                 : std::string(systemc::to_string(results[j].status)) + ": " +
                                       results[j].reason;
      r.cycle_error = rel(static_cast<double>(r.model.cycles), static_cast<double>(r.rtl.cycles));
      r.energy_error = rel(r.model.energy_pj, r.rtl.energy_pj);
    }
    progress(++done);
  }
  return rows;
}

std::string agreement_markdown(const std::vector<AgreementRow>& rows) {
  std::string out =
      "| # | array | layer | dataflow | db | RTL cycles | model cycles | cycle err | RTL energy "
      "pJ | model energy pJ | energy err | status |\n|---|---|---|---|---|---|---|---|---|---|---|"
      "---|\n";
  double max_c = 0, sum_c = 0, max_e = 0, sum_e = 0;
  int ok = 0, within5 = 0;
  char buf[512];
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const AgreementRow& r = rows[i];
    const mapping::Layer& l = r.c.layer;
    std::snprintf(buf, sizeof buf,
                  "| %zu | %dx%d | %s n%d c%d k%d %dx%d r%d s%d g%d | %s | %s | %llu | %llu | "
                  "%+.1f%% | %.4g | %.4g | %+.1f%% | %s |\n",
                  i + 1, r.c.hw.build.rows, r.c.hw.build.cols, l.name.c_str(), l.n, l.c, l.k, l.h,
                  l.w, l.r, l.stride, l.groups, arch::to_string(r.c.mapping.dataflow),
                  r.c.mapping.double_buffer ? "yes" : "no",
                  static_cast<unsigned long long>(r.rtl.cycles),
                  static_cast<unsigned long long>(r.model.cycles), 100 * r.cycle_error,
                  r.rtl.energy_pj, r.model.energy_pj, 100 * r.energy_error, r.status.c_str());
    out += buf;
    if (r.status != "ok") continue;
    ++ok;
    max_c = std::max(max_c, std::abs(r.cycle_error));
    sum_c += std::abs(r.cycle_error);
    max_e = std::max(max_e, std::abs(r.energy_error));
    sum_e += std::abs(r.energy_error);
    within5 += std::abs(r.cycle_error) <= 0.05 && std::abs(r.energy_error) <= 0.05;
  }
  std::snprintf(buf, sizeof buf,
                "\n%d of %zu cases ran bit-exact on the RTL. |cycle error|: mean %.2f%%, max "
                "%.2f%%. |energy error|: mean %.2f%%, max %.2f%%. Within 5%% on both: %d of %d.\n",
                ok, rows.size(), ok ? 100 * sum_c / ok : 0.0, 100 * max_c,
                ok ? 100 * sum_e / ok : 0.0, 100 * max_e, within5, ok);
  return out + buf;
}

}  // namespace codesign::tb
