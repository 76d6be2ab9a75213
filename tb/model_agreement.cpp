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

void add(ErrorStats& s, std::optional<double> error) {
  if (!error) {
    ++s.undefined;
    return;
  }
  s.max = std::max(s.max, std::abs(*error));
  s.mean += std::abs(*error);  // a sum until summarise() divides it
  ++s.defined;
}

std::string percent(std::optional<double> e) {
  char buf[32];
  if (!e) return "n/a";
  std::snprintf(buf, sizeof buf, "%+.1f%%", 100 * *e);
  return buf;
}

std::string stats(const ErrorStats& s) {
  char buf[96];
  std::snprintf(buf, sizeof buf, "%.2f%% / %.2f%%", 100 * s.mean, 100 * s.max);
  std::string out = buf;
  if (s.undefined) out += " (" + std::to_string(s.undefined) + " n/a)";
  return out;
}

}  // namespace

const std::vector<Counter>& breakdown_counters() {
  static const std::vector<Counter> counters = {
      {"exec_busy", &arch::ActionCounts::exec_busy_cycles},
      {"load_busy", &arch::ActionCounts::load_busy_cycles},
      {"store_busy", &arch::ActionCounts::store_busy_cycles},
      {"dram_stall", &arch::ActionCounts::dram_stall_cycles},
      {"bank_conflict", &arch::ActionCounts::bank_conflict_stalls},
      {"idle", &arch::ActionCounts::idle_cycles}};
  return counters;
}

std::optional<double> relative_error(double model, double rtl) {
  if (rtl == 0) return model == 0 ? std::optional<double>(0) : std::nullopt;
  return (model - rtl) / rtl;
}

AgreementSummary summarise(const std::vector<AgreementRow>& rows) {
  AgreementSummary s;
  s.counters.resize(breakdown_counters().size());
  s.counters_close.resize(breakdown_counters().size());
  for (const AgreementRow& r : rows) {
    ++s.rows;
    if (r.status != "ok") continue;
    ++s.ok;
    add(s.cycles, r.cycle_error);
    add(s.energy, r.energy_error);
    for (std::size_t i = 0; i < breakdown_counters().size(); ++i) {
      const auto field = breakdown_counters()[i].field;
      const double model = static_cast<double>(r.model_counts.*field),
                   rtl = static_cast<double>(r.rtl_counts.*field);
      add(s.counters[i], relative_error(model, rtl));
      const double off = std::abs(model - rtl);
      s.counters_close[i] += off <= kCounterTolerance * rtl ||
                             off <= kCounterCycleShare * static_cast<double>(r.rtl.cycles);
    }
  }
  for (ErrorStats* e : {&s.cycles, &s.energy}) e->mean = e->defined ? e->mean / e->defined : 0;
  for (ErrorStats& e : s.counters) e.mean = e.defined ? e.mean / e.defined : 0;
  return s;
}

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
                                        const std::function<void(std::size_t)>& progress,
                                        const MappedRunOptions& options) {
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
    const auto results = run_mapped_layers(hw, runs, cache, options);
    for (std::size_t j = 0; j < idx.size(); ++j) {
      AgreementRow& r = rows[idx[j]];
      const AgreementCase& c = cases[idx[j]];
      r.c = c;
      r.model_counts = mapping::LayerModel(hw, c.layer).evaluate(c.mapping);
      r.model = mapping::layer_metrics(r.model_counts, hw, energy, c.layer);
      r.rtl_counts = results[j].counts;
      r.rtl = mapping::layer_metrics(r.rtl_counts, hw, energy, c.layer);
      r.status = results[j].ok() ? "ok"
                                 : std::string(systemc::to_string(results[j].status)) + ": " +
                                       results[j].reason;
      r.cycle_error =
          relative_error(static_cast<double>(r.model.cycles), static_cast<double>(r.rtl.cycles))
              .value_or(0);
      r.energy_error = relative_error(r.model.energy_pj, r.rtl.energy_pj).value_or(0);
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
  int within5 = 0;
  char buf[512];
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const AgreementRow& r = rows[i];
    const mapping::Layer& l = r.c.layer;
    std::snprintf(buf, sizeof buf,
                  "| %zu | %dx%d | %s n%d c%d k%d %dx%d r%d s%d g%d | %s | %s | %llu | %llu | "
                  "%+.1f%% | %.4g | %.4g | %+.1f%% | %s |\n",
                  i + 1, r.c.hw.build.rows, r.c.hw.build.cols, l.name.c_str(), l.n, l.c, l.k, l.h,
                  l.w, l.r, l.stride, l.groups, mapping::mode_name(r.c.mapping).c_str(),
                  r.c.mapping.double_buffer ? "yes" : "no",
                  static_cast<unsigned long long>(r.rtl.cycles),
                  static_cast<unsigned long long>(r.model.cycles), 100 * r.cycle_error,
                  r.rtl.energy_pj, r.model.energy_pj, 100 * r.energy_error, r.status.c_str());
    out += buf;
    within5 +=
        r.status == "ok" && std::abs(r.cycle_error) <= 0.05 && std::abs(r.energy_error) <= 0.05;
  }
  const AgreementSummary s = summarise(rows);
  std::snprintf(buf, sizeof buf,
                "\n%d of %d cases ran bit-exact on the RTL. |cycle error|: mean %.2f%%, max "
                "%.2f%%. |energy error|: mean %.2f%%, max %.2f%%. Within 5%% on both: %d of %d.\n",
                s.ok, s.rows, 100 * s.cycles.mean, 100 * s.cycles.max, 100 * s.energy.mean,
                100 * s.energy.max, within5, s.ok);
  out += buf;
  out += "|counter error| mean / max:";
  for (std::size_t i = 0; i < s.counters.size(); ++i)
    out +=
        std::string(i ? "," : "") + " " + breakdown_counters()[i].name + " " + stats(s.counters[i]);
  return out + ".\n";
}

std::string workload_agreement_markdown(const std::vector<AgreementRow>& rows) {
  std::string out = "| # | layer | repeat | dataflow | RTL cycles | model cycles | cycles | energy";
  std::string rule = "|---|---|---|---|---|---|---|---";
  for (const Counter& c : breakdown_counters()) {
    out += std::string(" | ") + c.name;
    rule += "|---";
  }
  out += " | status |\n" + rule + "|---|\n";
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const AgreementRow& r = rows[i];
    const bool ok = r.status == "ok";
    out += "| " + std::to_string(i + 1) + " | " + r.c.layer.name + " | " +
           std::to_string(r.c.layer.repeat) + " | " + mapping::mode_name(r.c.mapping) + " | " +
           std::to_string(r.rtl.cycles) + " | " + std::to_string(r.model.cycles) + " | " +
           (ok ? percent(r.cycle_error) : "") + " | " + (ok ? percent(r.energy_error) : "");
    for (const Counter& c : breakdown_counters())
      out += " | " + (ok ? percent(relative_error(static_cast<double>(r.model_counts.*c.field),
                                                  static_cast<double>(r.rtl_counts.*c.field)))
                         : std::string());
    out += " | " + r.status + " |\n";
  }
  return out + "\n" + workload_agreement_summary(rows);
}

std::string workload_agreement_summary(const std::vector<AgreementRow>& rows) {
  double rtl_cycles = 0, model_cycles = 0, rtl_energy = 0, model_energy = 0;
  for (const AgreementRow& r : rows) {
    if (r.status != "ok") continue;
    rtl_cycles += r.c.layer.repeat * static_cast<double>(r.rtl.cycles);
    model_cycles += r.c.layer.repeat * static_cast<double>(r.model.cycles);
    rtl_energy += r.c.layer.repeat * r.rtl.energy_pj;
    model_energy += r.c.layer.repeat * r.model.energy_pj;
  }
  const AgreementSummary s = summarise(rows);
  std::string out = std::to_string(s.ok) + " of " + std::to_string(s.rows) +
                    " layers ran bit-exact on the RTL. |error| mean / max over them: cycles " +
                    stats(s.cycles) + ", energy " + stats(s.energy);
  for (std::size_t i = 0; i < s.counters.size(); ++i)
    out += std::string(", ") + breakdown_counters()[i].name + " " + stats(s.counters[i]);
  out += ". Counters within 10% of the RTL's or within 1% of the layer's cycles:";
  for (std::size_t i = 0; i < s.counters.size(); ++i)
    out += std::string(i ? "," : "") + " " + breakdown_counters()[i].name + " " +
           std::to_string(s.counters_close[i]) + " of " + std::to_string(s.ok);
  return out + ". Network, repeats counted: cycles " +
         percent(relative_error(model_cycles, rtl_cycles)) + ", energy " +
         percent(relative_error(model_energy, rtl_energy)) +
         ". (n/a: the RTL counted 0, the model did not.)\n";
}

std::string agreement_csv(const std::vector<AgreementRow>& rows) {
  std::string out = "case,hw,layer,repeat,dataflow,double_buffer,patch,status";
  arch::ActionCounts{}.for_each([&](const char* name, std::uint64_t) {
    out += std::string(",model_") + name + ",rtl_" + name;
  });
  out += "\n";
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const AgreementRow& r = rows[i];
    std::string status = r.status;
    std::replace(status.begin(), status.end(), ',', ';');
    out += std::to_string(i + 1) + "," + r.c.hw.name + "," + r.c.layer.name + "," +
           std::to_string(r.c.layer.repeat) + "," + arch::to_string(r.c.mapping.dataflow) + "," +
           (r.c.mapping.double_buffer ? "1" : "0") + "," + std::to_string(r.c.mapping.patch) + "," +
           status;
    std::vector<std::uint64_t> rtl;
    r.rtl_counts.for_each([&](const char*, std::uint64_t v) { rtl.push_back(v); });
    std::size_t k = 0;
    r.model_counts.for_each([&](const char*, std::uint64_t v) {
      out += "," + std::to_string(v) + "," + std::to_string(rtl[k++]);
    });
    out += "\n";
  }
  return out;
}

}  // namespace codesign::tb
