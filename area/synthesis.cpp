#include "area/synthesis.hpp"

#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "util/atomic_file.hpp"
#include "util/file_lock.hpp"
#include "util/hash.hpp"
#include "util/json_reader.hpp"
#include "util/process.hpp"
#include "util/text_file.hpp"

#if !defined(CODESIGN_SOURCE_DIR) || !defined(CODESIGN_BUILD_DIR) || !defined(CODESIGN_YOSYS)
#error "CODESIGN_SOURCE_DIR, CODESIGN_BUILD_DIR and CODESIGN_YOSYS must be defined by the build"
#endif

namespace codesign::area {

namespace fs = std::filesystem;

namespace {

// A file the synthesis flow needs; unreadable means the synthesis failed.
std::string read_file(const fs::path& p) {
  try {
    return util::read_text_file(p.string());
  } catch (const std::runtime_error& e) {
    throw SynthesisError(e.what());
  }
}

// SRAM buffers are modelled by capacity (sram_model), so Yosys sees them as black boxes.
constexpr const char* kBlackboxFile = "banked_sram.sv";

// The leaf cells of the synthesised hierarchy, from the text of `stat -top`: its last
// "Number of cells:" block is the whole design (the hierarchy totals, or the only module),
// one "<type> <count>" line per cell type. (Yosys 0.23's `stat -json` writes the hierarchy
// tree into its JSON, unescaped.) Yosys cells are named "$_..._"; any other name left in
// the totals is a black-box module.
SynthesisResult parse_stat(const std::string& stat_file, const std::string& key) {
  std::istringstream in(read_file(stat_file));
  std::map<std::string, long> last;
  long total = -1;
  bool in_block = false;
  for (std::string line; std::getline(in, line);) {
    std::istringstream words(line);
    std::string a, b, c;
    words >> a >> b >> c;
    if (a == "Number" && b == "of" && c == "cells:") {
      words >> total;
      last.clear();
      in_block = true;
      continue;
    }
    if (!in_block) continue;
    std::istringstream entry(line);
    std::string type;
    long count = 0;
    if (entry >> type >> count && (entry >> std::ws).eof())
      last[type] = count;
    else
      in_block = false;
  }
  SynthesisResult r;
  r.key = key;
  long sum = 0;
  for (const auto& [type, n] : last) {
    (type.rfind("$_", 0) == 0 ? r.cells : r.blackboxes)[type] = n;
    sum += n;
  }
  if (total < 0 || sum != total)
    throw SynthesisError("synthesis of " + key + ": cannot read the cell counts in " + stat_file);
  return r;
}

nlohmann::json to_json(const SynthesisResult& r) {
  return {{"key", r.key}, {"cells", r.cells}, {"blackboxes", r.blackboxes}, {"seconds", r.seconds}};
}

SynthesisResult from_json(const nlohmann::json& j) {
  SynthesisResult r;
  r.key = j.at("key").get<std::string>();
  r.cells = j.at("cells").get<CellCounts>();
  r.blackboxes = j.at("blackboxes").get<std::map<std::string, long>>();
  r.seconds = j.at("seconds").get<double>();
  return r;
}

}  // namespace

std::string SynthesisTarget::key() const {
  std::string k = module;
  for (const auto& [name, value] : parameters) k += "_" + name + std::to_string(value);
  return k;
}

SynthesisTarget pe_target(const arch::BuildConfig& b) {
  arch::validate(b, "build");
  return {"pe",
          {{"DataW", b.data_width},
           {"AccW", b.acc_width},
           {"BuildOs", b.output_stationary ? 1 : 0},
           {"BuildWs", b.weight_stationary ? 1 : 0}}};
}

SynthesisTarget pe_array_target(const arch::BuildConfig& b) {
  arch::validate(b, "build");
  return {"pe_array",
          {{"Rows", b.rows},
           {"Cols", b.cols},
           {"DataW", b.data_width},
           {"AccW", b.acc_width},
           {"BuildOs", b.output_stationary ? 1 : 0},
           {"BuildWs", b.weight_stationary ? 1 : 0}}};
}

SynthesisTarget accelerator_target(const arch::BuildConfig& b) {
  arch::validate(b, "build");
  // The parameters of the simulated build (systemc/build_cache.cpp), counters included:
  // they are part of the accelerator as built.
  return {"accel_top",
          {{"Rows", b.rows},
           {"Cols", b.cols},
           {"DataW", b.data_width},
           {"AccW", b.acc_width},
           {"BuildOs", b.output_stationary ? 1 : 0},
           {"BuildWs", b.weight_stationary ? 1 : 0},
           {"InEntries", b.input_entries()},
           {"InBanks", b.input.banks},
           {"WEntries", b.weight_entries()},
           {"WBanks", b.weight.banks},
           {"AccEntries", b.acc_entries()},
           {"AccBanks", b.accumulator.banks},
           {"QueueDepth", arch::kCommandQueueDepth},
           {"CountActivity", 1}}};
}

SynthesisCache::SynthesisCache(std::string root, std::string rtl_dir, double timeout_s)
    : root_(std::move(root)), rtl_dir_(std::move(rtl_dir)), timeout_s_(timeout_s) {
  if (root_.empty()) {
    const char* env = std::getenv("CODESIGN_AREA_CACHE");
    root_ = env && *env ? env : std::string(CODESIGN_BUILD_DIR) + "/area-cache";
  }
  if (rtl_dir_.empty()) rtl_dir_ = std::string(CODESIGN_SOURCE_DIR) + "/rtl";
  std::istringstream files(read_file(fs::path(rtl_dir_) / "files.f"));
  std::uint64_t h = util::kFnv1aSeed;
  for (std::string f; std::getline(files, f);) {
    if (f.empty()) continue;
    sources_.push_back(f);
    h = util::fnv1a(read_file(fs::path(rtl_dir_) / f), h);
  }
  fingerprint_ = util::hex64(h).substr(0, 8);
}

std::string SynthesisCache::script(const SynthesisTarget& t, const std::string& stat_file) const {
  // Source paths are double-quoted (Yosys scripts know no single quotes); tee takes its file
  // name verbatim.
  std::ostringstream s;
  s << "read_verilog -sv";
  for (const auto& f : sources_)
    if (f != kBlackboxFile) s << " \"" << (fs::path(rtl_dir_) / f).string() << "\"";
  s << "\nread_verilog -sv -lib \"" << (fs::path(rtl_dir_) / kBlackboxFile).string() << "\"\n";
  // chparam renames the module to $paramod$...; rename it back so -top finds it.
  s << "chparam";
  for (const auto& [name, value] : t.parameters) s << " -set " << name << " " << value;
  s << " " << t.module << "\n"
    << "hierarchy -top " << t.module << "\n"
    << "rename -top " << t.module << "\n"
    << "synth -top " << t.module << "\n"
    << "tee -q -o " << stat_file << " stat -top " << t.module << "\n";
  return s.str();
}

std::string SynthesisCache::entry_path(const SynthesisTarget& t) const {
  // The script is part of the key: a change to the flow never reuses a stale result.
  const std::string h = util::hex64(util::fnv1a(script(t, "stat.txt"), util::fnv1a(t.key())));
  return root_ + "/" + t.module + "-" + h.substr(0, 12) + "-" + fingerprint_ + ".json";
}

SynthesisResult SynthesisCache::run(const SynthesisTarget& t) const {
  const auto t0 = std::chrono::steady_clock::now();
  const std::string entry = entry_path(t);
  fs::create_directories(root_);
  util::FileLock lock(entry + ".lock");
  if (fs::exists(entry)) {
    SynthesisResult r = from_json(util::read_json_file(entry));
    r.cached = true;
    return r;
  }
  if (std::string(CODESIGN_YOSYS).empty())
    throw SynthesisError("synthesis of " + t.key() + ": yosys was not found at configure time");

  // Work in a private directory; only a complete result is written into the cache.
  const fs::path tmp = entry + ".work" + std::to_string(::getpid());
  fs::remove_all(tmp);
  fs::create_directories(tmp);
  const std::string stat_file = (tmp / "stat.txt").string();
  const std::string script_file = (tmp / "synth.ys").string();
  const std::string log = (tmp / "yosys.log").string();
  util::write_file_atomic(script_file, script(t, stat_file));
  const util::ProcessResult p =
      util::run_process({CODESIGN_YOSYS, "-q", "-s", script_file}, log, timeout_s_);
  // A failed run is kept beside the cache for inspection, never as the entry itself.
  const auto fail = [&](const std::string& why) {
    const fs::path failed = entry + ".failed";
    fs::remove_all(failed);
    fs::rename(tmp, failed);
    const std::string failed_log = (failed / "yosys.log").string();
    return SynthesisError("synthesis of " + t.key() + " failed (" + why + "); end of " +
                          failed_log + ":\n" + util::tail_lines(failed_log, 15));
  };
  if (p.timed_out) throw fail("timed out after " + std::to_string(timeout_s_) + " s");
  if (p.signal != 0) throw fail("yosys killed by signal " + std::to_string(p.signal));
  if (p.exit_code != 0) throw fail("yosys exit " + std::to_string(p.exit_code));
  SynthesisResult r;
  try {
    r = parse_stat(stat_file, t.key());
  } catch (const std::exception& e) {
    throw fail(e.what());
  }
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  util::write_file_atomic(entry, to_json(r).dump(1) + "\n");
  fs::remove_all(tmp);
  return r;
}

}  // namespace codesign::area
