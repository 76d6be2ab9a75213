#include "search/codesign/hw_space.hpp"

#include <cmath>

#include "util/json_reader.hpp"

namespace codesign::search {

namespace {

bool is_power_of_two(int v) { return v > 0 && (v & (v - 1)) == 0; }

Range range_from_json(util::JsonObject o, int lo, int hi, bool power_of_two) {
  Range r;
  r.min = static_cast<int>(o.integer("min", lo, hi));
  r.max = static_cast<int>(o.integer("max", r.min, hi));
  if (power_of_two && !(is_power_of_two(r.min) && is_power_of_two(r.max)))
    o.fail("min", "expected powers of two, got " + std::to_string(r.min) + " and " +
                      std::to_string(r.max));
  o.finish();
  return r;
}

const std::vector<std::string> kDataflowChoices = {"os", "ws", "os+ws"};

}  // namespace

HwSpaceSpec hw_space_from_json(const nlohmann::json& j, const std::string& path) {
  util::JsonObject o(j, path);
  HwSpaceSpec s;
  s.name = o.string_or("name", "space");
  s.rows = range_from_json(o.object("rows"), 1, arch::kMaxArrayDim, false);
  s.cols = range_from_json(o.object("cols"), 1, arch::kMaxArrayDim, false);
  s.input_kib = range_from_json(o.object("input_buffer_kib"), 1, 1 << 16, true);
  s.weight_kib = range_from_json(o.object("weight_buffer_kib"), 1, 1 << 16, true);
  s.accumulator_kib = range_from_json(o.object("accumulator_buffer_kib"), 1, 1 << 16, true);
  if (o.has("dataflows")) {
    const auto& a = o.array("dataflows");
    s.dataflows.clear();
    for (std::size_t i = 0; i < a.size(); ++i) {
      const std::string where = o.path_of("dataflows") + "[" + std::to_string(i) + "]";
      const std::string v = a[i].is_string() ? a[i].get<std::string>() : "";
      bool known = false;
      for (const auto& c : kDataflowChoices) known = known || c == v;
      if (!known) throw util::ConfigError(where + ": expected \"os\", \"ws\" or \"os+ws\"");
      s.dataflows.push_back(v);
    }
    if (s.dataflows.empty()) o.fail("dataflows", "expected at least one choice");
  }
  util::JsonObject f = o.object("fixed");
  s.data_width = static_cast<int>(f.integer_or("data_width", 8, 8, 16));
  s.acc_width = static_cast<int>(f.integer_or("acc_width", 32, 16, 32));
  s.banks = static_cast<int>(f.integer_or("banks", 2, 1, 16));
  if (f.has("dram")) {
    util::JsonObject d = f.object("dram");
    s.run.dram_bytes_per_cycle = d.number_or("bytes_per_cycle", 16, 0.0625, 4096);
    s.run.dram_latency_cycles = static_cast<int>(d.integer_or("latency_cycles", 100, 0, 100000));
    d.finish();
  }
  s.run.clock_mhz = f.number_or("clock_mhz", 500, 1, 10000);
  f.finish();
  if (o.has("budgets")) {
    util::JsonObject b = o.object("budgets");
    s.onchip_kib_budget = b.number_or("onchip_kib", 0, 0, 1e9);
    s.pe_budget = static_cast<int>(b.integer_or("pes", 0, 0, 1 << 20));
    s.area_mm2_budget = b.number_or("area_mm2", 0, 0, 1e6);
    s.power_mw_budget = b.number_or("power_mw", 0, 0, 1e9);
    b.finish();
  }
  o.finish();
  return s;
}

HwSpaceSpec load_hw_space(const std::string& file) {
  return hw_space_from_json(util::read_json_file(file), file);
}

nlohmann::json to_json(const HwSpaceSpec& s) {
  auto r = [](const Range& x) { return nlohmann::json{{"min", x.min}, {"max", x.max}}; };
  return {{"name", s.name},
          {"rows", r(s.rows)},
          {"cols", r(s.cols)},
          {"input_buffer_kib", r(s.input_kib)},
          {"weight_buffer_kib", r(s.weight_kib)},
          {"accumulator_buffer_kib", r(s.accumulator_kib)},
          {"dataflows", s.dataflows},
          {"fixed",
           {{"data_width", s.data_width},
            {"acc_width", s.acc_width},
            {"banks", s.banks},
            {"dram",
             {{"bytes_per_cycle", s.run.dram_bytes_per_cycle},
              {"latency_cycles", s.run.dram_latency_cycles}}},
            {"clock_mhz", s.run.clock_mhz}}},
          {"budgets",
           {{"onchip_kib", s.onchip_kib_budget},
            {"pes", s.pe_budget},
            {"area_mm2", s.area_mm2_budget},
            {"power_mw", s.power_mw_budget}}}};
}

HwSpace::HwSpace(HwSpaceSpec spec, HwConstraint extra)
    : spec_(std::move(spec)), extra_(std::move(extra)) {
  space_.add(Parameter::integer("rows", spec_.rows.min, spec_.rows.max))
      .add(Parameter::integer("cols", spec_.cols.min, spec_.cols.max))
      .add(Parameter::power_of_two("input_kib", spec_.input_kib.min, spec_.input_kib.max))
      .add(Parameter::power_of_two("weight_kib", spec_.weight_kib.min, spec_.weight_kib.max))
      .add(Parameter::power_of_two("accumulator_kib", spec_.accumulator_kib.min,
                                   spec_.accumulator_kib.max))
      .add(Parameter::categorical("dataflows", spec_.dataflows))
      .constrain([this](const Point& x) { return violation(decode(x)).empty(); });
}

arch::HwConfig HwSpace::decode(const Point& x) const {
  arch::HwConfig hw;
  arch::BuildConfig& b = hw.build;
  b.rows = static_cast<int>(x[0]);
  b.cols = static_cast<int>(x[1]);
  b.data_width = spec_.data_width;
  b.acc_width = spec_.acc_width;
  const auto banks = static_cast<std::uint32_t>(spec_.banks);
  b.input = {static_cast<std::uint32_t>(x[2]) * 1024, banks};
  b.weight = {static_cast<std::uint32_t>(x[3]) * 1024, banks};
  b.accumulator = {static_cast<std::uint32_t>(x[4]) * 1024, banks};
  const std::string& df = spec_.dataflows.at(static_cast<std::size_t>(x[5]));
  b.output_stationary = df != "ws";
  b.weight_stationary = df != "os";
  hw.run = spec_.run;
  hw.name = spec_.name + ": " + space_.describe(x);
  return hw;
}

Point HwSpace::encode(const arch::HwConfig& hw) const {
  const arch::BuildConfig& b = hw.build;
  const std::string df = b.output_stationary && b.weight_stationary ? "os+ws"
                         : b.output_stationary                      ? "os"
                                                                    : "ws";
  std::size_t choice = spec_.dataflows.size();
  for (std::size_t i = 0; i < spec_.dataflows.size(); ++i)
    if (spec_.dataflows[i] == df) choice = i;
  if (choice == spec_.dataflows.size())
    throw std::invalid_argument("dataflows " + df + " is not a choice of space " + spec_.name);
  return {double(b.rows),
          double(b.cols),
          double(b.input.bytes / 1024),
          double(b.weight.bytes / 1024),
          double(b.accumulator.bytes / 1024),
          double(choice)};
}

std::vector<double> HwSpace::features(const Point& x) const {
  std::vector<double> f = {
      std::log2(x[0]), std::log2(x[1]), std::log2(x[0] * x[1]),       std::log2(x[2]),
      std::log2(x[3]), std::log2(x[4]), std::log2(x[2] + x[3] + x[4])};
  for (std::size_t c = 0; c < spec_.dataflows.size(); ++c) f.push_back(x[5] == double(c) ? 1 : 0);
  return f;
}

std::string HwSpace::violation(const arch::HwConfig& hw) const {
  try {
    arch::validate(hw.build, "hw");
  } catch (const std::exception& e) {
    return e.what();
  }
  const arch::BuildConfig& b = hw.build;
  const double kib = (b.input.bytes + b.weight.bytes + b.accumulator.bytes) / 1024.0;
  if (spec_.onchip_kib_budget > 0 && kib > spec_.onchip_kib_budget)
    return "on-chip memory " + std::to_string(kib) + " KiB over the budget of " +
           std::to_string(spec_.onchip_kib_budget) + " KiB";
  if (spec_.pe_budget > 0 && b.rows * b.cols > spec_.pe_budget)
    return std::to_string(b.rows * b.cols) + " PEs over the budget of " +
           std::to_string(spec_.pe_budget);
  return extra_ ? extra_(hw) : "";
}

}  // namespace codesign::search
