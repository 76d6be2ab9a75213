#include "search/codesign/hw_space.hpp"

#include <algorithm>
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

// A buffer range that no point of the space can use (every size too small for the array's
// vectors, or too large for the ISA's 16-bit buffer addresses) makes every point invalid:
// refuse it, naming the sizes that would work.
void check_buffer_range(util::JsonObject& o, const std::string& key, const HwSpaceSpec& s,
                        const Range& kib, int (arch::BuildConfig::*vector_bytes)() const) {
  auto array = [&](int rows, int cols) {
    arch::BuildConfig b;
    b.rows = rows;
    b.cols = cols;
    b.data_width = s.data_width;
    b.acc_width = s.acc_width;
    return (b.*vector_bytes)();
  };
  for (int rows = s.rows.min; rows <= s.rows.max; ++rows)
    for (int cols = s.cols.min; cols <= s.cols.max; ++cols)
      for (long k = kib.min; k <= kib.max; k *= 2) {
        const arch::BufferSpec b{static_cast<std::uint32_t>(k * 1024),
                                 static_cast<std::uint32_t>(s.banks)};
        if (arch::buffer_bytes_problem(b, array(rows, cols), rows).empty()) return;
      }
  // The smallest array needs the fewest bytes; the largest array allows the most.
  const long least =
      static_cast<long>(std::max(s.rows.min, s.banks)) * array(s.rows.min, s.cols.min);
  const long most = static_cast<long>(arch::kMaxBufferEntries) * array(s.rows.max, s.cols.max);
  o.fail(key, "no size in [" + std::to_string(kib.min) + ", " + std::to_string(kib.max) +
                  "] KiB suits an array of the space: a buffer holds from rows to " +
                  std::to_string(arch::kMaxBufferEntries) + " vectors, " + std::to_string(least) +
                  " to " + std::to_string(most) + " bytes over these arrays");
}

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
  // The same rules as a hardware point's, checked here: a space whose fixed values no
  // point can have would otherwise only say that no point satisfies the budgets.
  s.data_width = static_cast<int>(f.integer_or("data_width", 8, 8, 16));
  if (const auto p = arch::data_width_problem(s.data_width); !p.empty()) f.fail("data_width", p);
  s.acc_width = static_cast<int>(f.integer_or("acc_width", 32, 16, 32));
  if (const auto p = arch::acc_width_problem(s.acc_width, s.data_width); !p.empty())
    f.fail("acc_width", p);
  s.banks = static_cast<int>(f.integer_or("banks", 2, 1, 16));
  if (const auto p = arch::banks_problem(s.banks); !p.empty()) f.fail("banks", p);
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
    const int least_pes = s.rows.min * s.cols.min;
    if (s.pe_budget > 0 && s.pe_budget < least_pes)
      b.fail("pes", std::to_string(s.pe_budget) + " is below the smallest array of the space, " +
                        "rows.min × cols.min = " + std::to_string(least_pes));
    const double least_kib = s.input_kib.min + s.weight_kib.min + s.accumulator_kib.min;
    if (s.onchip_kib_budget > 0 && s.onchip_kib_budget < least_kib)
      b.fail("onchip_kib", "below the smallest buffers of the space, " +
                               std::to_string(static_cast<long>(least_kib)) + " KiB in all");
    b.finish();
  }
  o.finish();
  check_buffer_range(o, "input_buffer_kib", s, s.input_kib, &arch::BuildConfig::input_vector_bytes);
  check_buffer_range(o, "weight_buffer_kib", s, s.weight_kib,
                     &arch::BuildConfig::weight_vector_bytes);
  check_buffer_range(o, "accumulator_buffer_kib", s, s.accumulator_kib,
                     &arch::BuildConfig::acc_vector_bytes);
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
