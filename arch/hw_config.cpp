#include "arch/hw_config.hpp"

#include <sstream>

#include "util/hash.hpp"
#include "util/json_reader.hpp"

namespace codesign::arch {

using util::ConfigError;
using util::JsonObject;

const char* to_string(Dataflow d) { return d == Dataflow::kOutputStationary ? "os" : "ws"; }

namespace {

int entries(const BufferSpec& s, int vector_bytes) {
  const int raw = static_cast<int>(s.bytes / static_cast<std::uint32_t>(vector_bytes));
  return raw / static_cast<int>(s.banks) * static_cast<int>(s.banks);
}

BufferSpec buffer_from_json(JsonObject o) {
  BufferSpec s;
  s.bytes = static_cast<std::uint32_t>(o.integer("bytes", 1, 1LL << 30));
  s.banks = static_cast<std::uint32_t>(o.integer_or("banks", 1, 1, 16));
  o.finish();
  return s;
}

}  // namespace

int BuildConfig::input_entries() const { return entries(input, input_vector_bytes()); }
int BuildConfig::weight_entries() const { return entries(weight, weight_vector_bytes()); }
int BuildConfig::acc_entries() const { return entries(accumulator, acc_vector_bytes()); }

std::string BuildConfig::key() const {
  std::ostringstream s;
  s << "r" << rows << "_c" << cols << "_d" << data_width << "_a" << acc_width << "_df"
    << (output_stationary ? "o" : "") << (weight_stationary ? "w" : "") << "_i" << input_entries()
    << "x" << input.banks << "_w" << weight_entries() << "x" << weight.banks << "_acc"
    << acc_entries() << "x" << accumulator.banks;
  return s.str();
}

std::string BuildConfig::hash() const { return util::hex64(util::fnv1a(key())); }

std::string data_width_problem(int data_width) {
  if (data_width == 8 || data_width == 16) return "";
  return "expected 8 or 16, got " + std::to_string(data_width);
}

std::string acc_width_problem(int acc_width, int data_width) {
  if (acc_width % 8 == 0 && acc_width >= 2 * data_width && acc_width <= 32) return "";
  return "expected a multiple of 8 in [" + std::to_string(2 * data_width) +
         ", 32] (at least twice data_width), got " + std::to_string(acc_width);
}

std::string banks_problem(int banks) {
  if (banks >= 1 && banks <= 16 && (banks & (banks - 1)) == 0) return "";
  return "expected a power of two in [1, 16], got " + std::to_string(banks);
}

std::string buffer_bytes_problem(const BufferSpec& s, int vector_bytes, int min_entries) {
  const int e = entries(s, vector_bytes);
  if (e >= min_entries && e <= kMaxBufferEntries && e >= static_cast<int>(s.banks)) return "";
  const long min_bytes = static_cast<long>(min_entries) * vector_bytes;
  const long max_bytes = static_cast<long>(kMaxBufferEntries) * vector_bytes;
  return "expected bytes in [" + std::to_string(min_bytes) + ", " + std::to_string(max_bytes) +
         "] (" + std::to_string(min_entries) + " to " + std::to_string(kMaxBufferEntries) +
         " vectors of " + std::to_string(vector_bytes) + " bytes), got " + std::to_string(s.bytes);
}

void validate(const BuildConfig& b, const std::string& path) {
  auto check = [&](const std::string& key, const std::string& problem) {
    if (!problem.empty()) throw ConfigError(path + ": " + key + ": " + problem);
  };
  auto range = [&](const char* key, int v, int lo, int hi) {
    if (v < lo || v > hi)
      check(key, "expected integer in [" + std::to_string(lo) + ", " + std::to_string(hi) +
                     "], got " + std::to_string(v));
  };
  range("rows", b.rows, 1, kMaxArrayDim);
  range("cols", b.cols, 1, kMaxArrayDim);
  check("data_width", data_width_problem(b.data_width));
  check("acc_width", acc_width_problem(b.acc_width, b.data_width));
  if (!b.output_stationary && !b.weight_stationary)
    check("dataflows", "expected at least one of \"os\", \"ws\"");
  // Each buffer must hold at least one full array-sized operand or result tile.
  const std::pair<const char*, const BufferSpec*> buffers[] = {
      {"input_buffer", &b.input},
      {"weight_buffer", &b.weight},
      {"accumulator_buffer", &b.accumulator}};
  const int vector_bytes[] = {b.input_vector_bytes(), b.weight_vector_bytes(),
                              b.acc_vector_bytes()};
  for (int i = 0; i < 3; ++i) {
    const auto& [name, spec] = buffers[i];
    check(std::string(name) + ".banks", banks_problem(static_cast<int>(spec->banks)));
    check(std::string(name) + ".bytes", buffer_bytes_problem(*spec, vector_bytes[i], b.rows));
  }
}

HwConfig hw_config_from_json(const nlohmann::json& j, const std::string& path) {
  JsonObject o(j, path);
  HwConfig hw;
  hw.name = o.string_or("name", "unnamed");
  BuildConfig& b = hw.build;
  b.rows = static_cast<int>(o.integer("rows", 1, kMaxArrayDim));
  b.cols = static_cast<int>(o.integer("cols", 1, kMaxArrayDim));
  b.data_width = static_cast<int>(o.integer_or("data_width", 8, 8, 16));
  b.acc_width = static_cast<int>(o.integer_or("acc_width", 32, 16, 32));
  if (o.has("dataflows")) {
    const auto& arr = o.array("dataflows");
    b.output_stationary = b.weight_stationary = false;
    for (std::size_t i = 0; i < arr.size(); ++i) {
      const std::string where = o.path_of("dataflows") + "[" + std::to_string(i) + "]";
      if (!arr[i].is_string()) throw ConfigError(where + ": expected \"os\" or \"ws\"");
      const auto s = arr[i].get<std::string>();
      if (s == "os")
        b.output_stationary = true;
      else if (s == "ws")
        b.weight_stationary = true;
      else
        throw ConfigError(where + ": expected \"os\" or \"ws\", got \"" + s + "\"");
    }
  }
  b.input = buffer_from_json(o.object("input_buffer"));
  b.weight = buffer_from_json(o.object("weight_buffer"));
  b.accumulator = buffer_from_json(o.object("accumulator_buffer"));
  if (o.has("dram")) {
    JsonObject d = o.object("dram");
    hw.run.dram_bytes_per_cycle = d.number_or("bytes_per_cycle", 16.0, 0.0625, 4096.0);
    hw.run.dram_latency_cycles = static_cast<int>(d.integer_or("latency_cycles", 100, 0, 100000));
    d.finish();
  }
  hw.run.clock_mhz = o.number_or("clock_mhz", 500.0, 1.0, 10000.0);
  o.finish();
  validate(b, path);
  return hw;
}

HwConfig load_hw_config(const std::string& file) {
  return hw_config_from_json(util::read_json_file(file), file);
}

nlohmann::json to_json(const HwConfig& hw) {
  const BuildConfig& b = hw.build;
  nlohmann::json df = nlohmann::json::array();
  if (b.output_stationary) df.push_back("os");
  if (b.weight_stationary) df.push_back("ws");
  auto buf = [](const BufferSpec& s) {
    return nlohmann::json{{"bytes", s.bytes}, {"banks", s.banks}};
  };
  return {{"name", hw.name},
          {"rows", b.rows},
          {"cols", b.cols},
          {"data_width", b.data_width},
          {"acc_width", b.acc_width},
          {"dataflows", df},
          {"input_buffer", buf(b.input)},
          {"weight_buffer", buf(b.weight)},
          {"accumulator_buffer", buf(b.accumulator)},
          {"dram",
           {{"bytes_per_cycle", hw.run.dram_bytes_per_cycle},
            {"latency_cycles", hw.run.dram_latency_cycles}}},
          {"clock_mhz", hw.run.clock_mhz}};
}

}  // namespace codesign::arch
