#include "systemc/sim_job.hpp"

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

nlohmann::json to_json(const SimJobFile& f) {
  nlohmann::json jobs = nlohmann::json::array();
  for (const SimJob& job : f.jobs) {
    nlohmann::json dumps = nlohmann::json::array();
    for (const DramDump& d : job.dumps)
      dumps.push_back({{"addr", d.addr}, {"bytes", d.bytes}, {"file", d.file}});
    nlohmann::json j = {{"program", arch::to_json(job.program)},
                        {"dram_image", job.dram_image},
                        {"dram_bytes", job.dram_bytes},
                        {"dumps", dumps},
                        {"stall_probability", job.stall_probability},
                        {"seed", job.seed},
                        {"max_cycles", job.max_cycles}};
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
    job.program = arch::program_from_json(jo.raw("program"), jo.path_of("program"));
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
