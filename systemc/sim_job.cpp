#include "systemc/sim_job.hpp"

#include <fstream>
#include <iterator>
#include <stdexcept>

#include "util/json_reader.hpp"

namespace codesign::systemc {

const char* to_string(SimStatus s) {
  switch (s) {
    case SimStatus::kOk:
      return "ok";
    case SimStatus::kTimeout:
      return "timeout";
    case SimStatus::kError:
      break;
  }
  return "error";
}

namespace {

// Whether every field the command's opcode uses survives its encoding (Command's operator==
// compares encodings, so it cannot tell).
bool fits_encoding(const arch::Command& c) {
  const arch::Command d = arch::decode(arch::encode(c));
  switch (c.op) {
    case arch::Opcode::kLoad:
    case arch::Opcode::kStore:
      return d.spad_addr == c.spad_addr && d.dram_addr == c.dram_addr && d.count == c.count &&
             d.vec_len == c.vec_len && d.elem_stride == c.elem_stride &&
             d.vec_stride == c.vec_stride;
    case arch::Opcode::kCompute:
      return d.a_addr == c.a_addr && d.b_addr == c.b_addr && d.acc_addr == c.acc_addr &&
             d.m == c.m && d.n == c.n && d.k == c.k;
    case arch::Opcode::kSync:
      break;
  }
  return true;
}

}  // namespace

void write_program_file(const std::string& path, const arch::Program& program) {
  std::string bytes;
  bytes.reserve(program.size() * 24);
  for (std::size_t i = 0; i < program.size(); ++i) {
    if (!fits_encoding(program[i]))
      throw std::invalid_argument("program[" + std::to_string(i) +
                                  "]: a field exceeds its encoding");
    for (const std::uint64_t w : arch::encode(program[i]))
      for (int b = 0; b < 8; ++b) bytes.push_back(static_cast<char>(w >> (8 * b)));
  }
  std::ofstream out(path, std::ios::binary);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out.flush()) throw std::runtime_error(path + ": cannot write");
}

arch::Program read_program_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw util::ConfigError(path + ": cannot read");
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (bytes.size() % 24 != 0)
    throw util::ConfigError(path + ": " + std::to_string(bytes.size()) +
                            " bytes is not a whole number of 24-byte commands");
  arch::Program program;
  program.reserve(bytes.size() / 24);
  for (std::size_t at = 0; at < bytes.size(); at += 24) {
    arch::EncodedCommand words{};
    for (int w = 0; w < 3; ++w)
      for (int b = 0; b < 8; ++b)
        words[w] |= static_cast<std::uint64_t>(static_cast<unsigned char>(bytes[at + 8 * w + b]))
                    << (8 * b);
    program.push_back(arch::decode(words));
  }
  return program;
}

nlohmann::json to_json(const SimJobFile& f) {
  nlohmann::json jobs = nlohmann::json::array();
  for (const SimJob& job : f.jobs) {
    nlohmann::json dumps = nlohmann::json::array();
    for (const DramDump& d : job.dumps)
      dumps.push_back({{"addr", d.addr}, {"bytes", d.bytes}, {"file", d.file}});
    nlohmann::json j = {{"dram_image", job.dram_image},
                        {"dram_bytes", job.dram_bytes},
                        {"dumps", dumps},
                        {"stall_probability", job.stall_probability},
                        {"seed", job.seed},
                        {"max_cycles", job.max_cycles}};
    if (job.program_file.empty())
      j["program"] = arch::to_json(job.program);
    else
      j["program_file"] = job.program_file;
    jobs.push_back(j);
  }
  nlohmann::json j = {{"hw", arch::to_json(f.hw)}, {"jobs", jobs}};
  if (!f.trace_file.empty()) j["trace_file"] = f.trace_file;
  return j;
}

SimJobFile sim_job_file_from_json(const nlohmann::json& j, const std::string& path) {
  util::JsonObject o(j, path);
  SimJobFile f;
  f.hw = arch::hw_config_from_json(o.raw("hw"), o.path_of("hw"));
  const auto& jobs = o.array("jobs");
  for (std::size_t i = 0; i < jobs.size(); ++i) {
    util::JsonObject jo = util::array_element(jobs, i, o.path_of("jobs"));
    SimJob job;
    if (jo.has("program_file")) {
      job.program_file = jo.string("program_file");
      job.program = read_program_file(job.program_file);
    } else {
      job.program = arch::program_from_json(jo.raw("program"), jo.path_of("program"));
    }
    job.dram_image = jo.string("dram_image");
    job.dram_bytes = static_cast<std::uint32_t>(jo.integer("dram_bytes", 1, 0xFFFFFFFFLL));
    const auto& dumps = jo.array("dumps");
    for (std::size_t d = 0; d < dumps.size(); ++d) {
      util::JsonObject dj = util::array_element(dumps, d, jo.path_of("dumps"));
      DramDump dump;
      dump.addr = static_cast<std::uint32_t>(dj.integer("addr", 0, 0xFFFFFFFFLL));
      dump.bytes = static_cast<std::uint32_t>(dj.integer("bytes", 0, 0xFFFFFFFFLL));
      dump.file = dj.string("file");
      dj.finish();
      if (static_cast<std::uint64_t>(dump.addr) + dump.bytes > job.dram_bytes)
        dj.fail("bytes", "dump extends beyond dram_bytes");
      job.dumps.push_back(dump);
    }
    job.stall_probability = jo.number_or("stall_probability", 0, 0, 0.95);
    job.seed = static_cast<std::uint64_t>(jo.integer_or("seed", 1, 0, INT64_MAX));
    job.max_cycles =
        static_cast<std::uint64_t>(jo.integer_or("max_cycles", 100'000'000, 1, INT64_MAX));
    jo.finish();
    f.jobs.push_back(std::move(job));
  }
  f.trace_file = o.string_or("trace_file", "");
  o.finish();
  return f;
}

nlohmann::json to_json(const std::vector<SimJobResult>& r) {
  nlohmann::json a = nlohmann::json::array();
  for (const SimJobResult& x : r)
    a.push_back({{"status", to_string(x.status)},
                 {"reason", x.reason},
                 {"counts", arch::to_json(x.counts)},
                 {"wall_s", x.wall_s}});
  return {{"results", a}};
}

std::vector<SimJobResult> sim_results_from_json(const nlohmann::json& j, const std::string& path) {
  util::JsonObject o(j, path);
  const auto& a = o.array("results");
  std::vector<SimJobResult> out;
  for (std::size_t i = 0; i < a.size(); ++i) {
    util::JsonObject ro = util::array_element(a, i, o.path_of("results"));
    SimJobResult r;
    const std::string s = ro.choice("status", {"ok", "timeout", "error"});
    r.status = s == "ok"        ? SimStatus::kOk
               : s == "timeout" ? SimStatus::kTimeout
                                : SimStatus::kError;
    r.reason = ro.string("reason");
    r.counts = arch::action_counts_from_json(ro.raw("counts"), ro.path_of("counts"));
    r.wall_s = ro.number("wall_s", 0, 1e12);
    ro.finish();
    out.push_back(r);
  }
  o.finish();
  return out;
}

}  // namespace codesign::systemc
