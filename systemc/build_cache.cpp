#include "systemc/build_cache.hpp"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "systemc/build_paths.hpp"
#include "systemc/seconds_text.hpp"
#include "util/file_lock.hpp"
#include "util/hash.hpp"
#include "util/json_reader.hpp"
#include "util/process.hpp"
#include "util/text_file.hpp"

namespace codesign::systemc {

namespace fs = std::filesystem;

namespace {

// Everything a cached simulator was made from, so that a change to the RTL or the harness
// never reuses a stale build.
std::string compute_fingerprint() {
  using util::fnv1a;
  std::uint64_t h = util::kFnv1aSeed;
  std::istringstream files(util::read_text_file((fs::path(kRtlDir) / "files.f").string()));
  for (std::string f; std::getline(files, f);)
    if (!f.empty()) h = fnv1a(util::read_text_file((fs::path(kRtlDir) / f).string()), h);
  for (const char* lib : kSimLibraries) h = fnv1a(util::read_text_file(lib), h);
  // The per-configuration binder and the port table it expands.
  for (const char* f : {"systemc/model_binder.cpp.in", "systemc/accel_interface.hpp"})
    h = fnv1a(util::read_text_file((fs::path(kSourceDir) / f).string()), h);
  return util::hex64(h).substr(0, 8);
}

// Recorded beside each simulator when it is built.
constexpr const char* kChecksumFile = "sim.fnv1a";

std::string checksum_of(const fs::path& file) {
  return util::hex64(util::fnv1a(util::read_text_file(file.string())));
}

struct EntryState {
  bool present = false;
  std::string damage;  // why a present entry cannot be used ("" if it can)
};

EntryState inspect(const fs::path& dir) {
  std::error_code ec;
  if (!fs::exists(dir, ec)) return {};
  const fs::path sim = dir / "sim";
  if (!fs::is_regular_file(sim, ec)) return {true, "its simulator is missing"};
  if (::access(sim.c_str(), X_OK) != 0) return {true, "its simulator is not executable"};
  std::ifstream recorded_in(dir / kChecksumFile);
  std::string recorded;
  if (!(recorded_in >> recorded)) return {true, "it has no checksum (an older codesign built it)"};
  if (checksum_of(sim) != recorded)
    return {true,
            "its simulator does not match the checksum recorded when it was built "
            "(truncated or corrupted)"};
  return {true, ""};
}

[[noreturn]] void unwritable(const std::string& root, const std::string& why) {
  throw util::ConfigError(root + ": the simulator cache " + why +
                          "; pass --cache DIR or set CODESIGN_RTL_CACHE to a writable directory");
}

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
  for (std::size_t p = s.find(from); p != std::string::npos; p = s.find(from, p + to.size()))
    s.replace(p, from.size(), to);
  return s;
}

// Verilator writes a small model as a dozen files, each of which includes the SystemC and
// Verilator headers: compiled one by one, parsing those headers is most of the build. So the
// files are compiled in groups of about kGroupBytes (as Verilator's own makefile joins them
// when not building in parallel), hot code (-O2) apart from construction code (*Slow.cpp,
// -O0: it runs once); a large model still gives make -j2 several groups. The binder joins the
// first hot group. Returns the objects to link.
std::vector<std::string> write_source_groups(const fs::path& build_dir) {
  constexpr std::uintmax_t kGroupBytes = 1 << 20;
  std::vector<fs::path> generated;
  for (const auto& e : fs::directory_iterator(build_dir / "obj"))
    if (e.path().extension() == ".cpp") generated.push_back(e.path());
  std::sort(generated.begin(), generated.end());
  std::vector<std::string> objects;
  for (const bool slow : {false, true}) {
    std::vector<std::string> group;
    std::uintmax_t bytes = 0;
    const auto close = [&] {
      if (group.empty()) return;
      const std::string name =
          std::string(slow ? "model_slow_" : "model_fast_") + std::to_string(objects.size());
      std::ofstream out(build_dir / (name + ".cpp"));
      for (const std::string& f : group) out << "#include \"" << f << "\"\n";
      objects.push_back(name + ".o");
      group.clear();
      bytes = 0;
    };
    if (!slow) group.push_back("binder.cpp");
    for (const fs::path& f : generated) {
      const std::string name = f.filename().string();
      const bool is_slow = name.size() > 8 && name.compare(name.size() - 8, 8, "Slow.cpp") == 0;
      if (is_slow != slow) continue;
      group.push_back("obj/" + name);
      bytes += fs::file_size(f);
      if (bytes >= kGroupBytes) close();
    }
    close();
  }
  return objects;
}

}  // namespace

BuildCache::BuildCache(std::string root) : root_(std::move(root)) {
  if (root_.empty()) {
    const char* env = std::getenv("CODESIGN_RTL_CACHE");
    root_ = env && *env ? env : std::string(kBuildDir) + "/rtl-cache";
  }
  fingerprint_ = compute_fingerprint();
}

void BuildCache::check_usable() const {
  std::error_code ec;
  fs::create_directories(root_, ec);
  if (ec) unwritable(root_, "cannot be created (" + ec.message() + ")");
  if (!fs::is_directory(root_, ec)) unwritable(root_, "is not a directory");
}

std::string BuildOptions::suffix() const {
  return std::string(trace ? "-trace" : "") + (count_activity ? "" : "-nocount") +
         (assertions ? "-assert" : "");
}

std::string BuildCache::parameter_flags(const arch::BuildConfig& b, const BuildOptions& options) {
  std::ostringstream s;
  s << "-GRows=" << b.rows << " -GCols=" << b.cols << " -GDataW=" << b.data_width
    << " -GAccW=" << b.acc_width << " -GBuildOs=" << (b.output_stationary ? 1 : 0)
    << " -GBuildWs=" << (b.weight_stationary ? 1 : 0) << " -GInEntries=" << b.input_entries()
    << " -GInBanks=" << b.input.banks << " -GWEntries=" << b.weight_entries()
    << " -GWBanks=" << b.weight.banks << " -GAccEntries=" << b.acc_entries()
    << " -GAccBanks=" << b.accumulator.banks << " -GQueueDepth=" << arch::kCommandQueueDepth
    << " -GCountActivity=" << (options.count_activity ? 1 : 0);
  return s.str();
}

std::string BuildCache::directory(const arch::BuildConfig& b, const BuildOptions& options) const {
  return root_ + "/" + b.hash() + "-" + fingerprint_ + options.suffix();
}

BuildResult BuildCache::build(const arch::BuildConfig& b, const BuildOptions& options,
                              double timeout_s) const {
  const bool trace = options.trace;
  arch::validate(b, "build");
  const auto t0 = std::chrono::steady_clock::now();
  BuildResult r;
  const fs::path dir = directory(b, options);
  r.executable = (dir / "sim").string();
  auto elapsed = [&] {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  };
  auto seconds_left = [&] { return timeout_s > 0 ? std::max(timeout_s - elapsed(), 1e-3) : -1.0; };

  // A complete entry never changes (it was renamed into place whole): no lock needed.
  EntryState entry = inspect(dir);
  if (entry.present && entry.damage.empty()) {
    r.ok = r.cached = true;
    r.seconds = elapsed();
    return r;
  }
  check_usable();
  if (::access(root_.c_str(), W_OK | X_OK) != 0)
    unwritable(root_,
               "is not writable (" + std::string(std::strerror(errno)) + ") and " + b.key() +
                   " needs " +
                   (entry.present ? "rebuilding: " + entry.damage : std::string("building")));
  const util::FileLock lock(dir.string() + ".lock", seconds_left(),
                            "the build of " + b.key() + " by another process");
  if (!lock.held()) {
    r.timed_out = true;
    r.reason = "the time limit was reached while waiting for another process to build " + b.key() +
               " (after " + seconds_text(elapsed()) + ")";
    r.seconds = elapsed();
    return r;
  }
  // Again under the lock: another process may have built or repaired it meanwhile.
  entry = inspect(dir);
  if (entry.present && entry.damage.empty()) {
    r.ok = r.cached = true;
    r.seconds = elapsed();
    return r;
  }
  if (entry.present)
    std::fprintf(stderr, "codesign: the cached simulator %s is damaged: %s; rebuilding it\n",
                 dir.c_str(), entry.damage.c_str());
  // Under the lock no other process builds this entry: any temporary tree of it was left
  // by a process that was killed.
  std::error_code ec;
  for (fs::directory_iterator it(root_, ec), end; !ec && it != end; it.increment(ec))
    if (it->path().string().rfind(dir.string() + ".tmp", 0) == 0) fs::remove_all(it->path(), ec);

  // Build in a private directory and rename it into place: never a half-written cache entry.
  // It goes on every way out: renamed, kept as ".failed", or removed on an exception.
  const fs::path tmp = dir.string() + ".tmp" + std::to_string(::getpid());
  struct RemovedOnExit {
    fs::path path;
    ~RemovedOnExit() {
      std::error_code ignored;
      fs::remove_all(path, ignored);
    }
  } const cleanup{tmp};
  fs::remove_all(tmp);
  fs::create_directories(tmp / "obj");
  const std::string prefix = "Vaccel_" + b.hash();
  {
    std::ofstream binder(tmp / "binder.cpp");
    std::string text =
        util::read_text_file((fs::path(kSourceDir) / "systemc/model_binder.cpp.in").string());
    text = replace_all(text, "@PREFIX@", prefix);
    text = replace_all(text, "@TRACE@", trace ? "1" : "0");
    text = replace_all(text, "@BUILD_KEY@", b.key());
    binder << text;
  }
  // sc_main lives in the harness archive; -u makes the linker take it from there.
  std::string libs;
  for (const char* lib : kSimLibraries) libs += std::string(" '") + lib + "'";
  const std::string defines = std::string("-DVM_COVERAGE=0 -DVM_SC=1 -DVM_TRACE=") +
                              (trace ? "1" : "0") +
                              " -DVM_TRACE_FST=0 -DVM_TRACE_VCD=" + (trace ? "1" : "0");
  const std::string log = (tmp / "build.log").string();
  std::ostringstream verilate;
  verilate << "'" << kVerilator << "' --sc --prefix " << prefix
           << " --top-module accel_top -O3 --x-assign fast --x-initial fast"
           << (options.assertions ? " --assert" : " --noassert") << " -Wno-fatal --Mdir '"
           << (tmp / "obj").string() << "' " << parameter_flags(b, options)
           << (trace ? " --trace" : "") << " -f files.f";
  // Two steps under one time limit, into one log: verilate (files.f names the sources
  // relative to rtl/, so Verilator runs there), then compile the groups and link.
  const auto step = [&](const std::string& command) {
    return util::run_process({"/bin/sh", "-c", command + " >> '" + log + "' 2>&1"}, "",
                             timeout_s > 0 ? seconds_left() : 0);
  };
  util::ProcessResult p = step("cd '" + std::string(kRtlDir) + "' && " + verilate.str());
  if (p.succeeded()) {
    std::string objects;
    for (const std::string& o : write_source_groups(tmp)) objects += " " + o;
    std::ofstream mk(tmp / "Makefile");
    mk << "CXX := " << kCxxCompiler << "\n"
       << "FLAGS := -std=c++17 -faligned-new -w " << defines << " -Iobj -I'" << kSourceDir
       << "' -I'" << kVerilatorInclude << "' -I'" << kVerilatorInclude << "/vltstd' "
       << kSimCompileFlags << "\n"
       << "sim:" << objects << "\n\t$(CXX) -o $@ -Wl,-u,sc_main $^" << libs << " " << kSimLinkFlags
       << "\n"
       << "model_fast_%.o: model_fast_%.cpp\n\t$(CXX) $(FLAGS) -O2 -c $< -o $@\n"
       << "model_slow_%.o: model_slow_%.cpp\n\t$(CXX) $(FLAGS) -O0 -c $< -o $@\n";
    mk.close();
    p = step("make -C '" + tmp.string() + "' -j2 sim");
  }
  if (p.timed_out) {
    r.timed_out = true;
    r.reason = "the time limit was reached while building " + b.key() + " (after " +
               seconds_text(elapsed()) + ")";
    r.seconds = elapsed();
    return r;
  }
  if (p.signal != 0 || p.exit_code != 0) {
    const int status = p.signal ? 128 + p.signal : p.exit_code;
    // Keep the failed tree beside the cache for inspection, never as the entry itself.
    const fs::path failed = dir.string() + ".failed";
    const std::string tail = util::tail_lines(log, 30);
    fs::remove_all(failed);
    fs::rename(tmp, failed);
    r.reason = "build of " + b.key() + " failed (exit " + std::to_string(status) + "); end of " +
               (failed / "build.log").string() + ":\n" + tail;
    r.seconds = elapsed();
    return r;
  }
  std::ofstream(tmp / kChecksumFile) << checksum_of(tmp / "sim") << "\n";
  fs::remove_all(dir);
  fs::rename(tmp, dir);
  r.ok = true;
  r.seconds = elapsed();
  return r;
}

}  // namespace codesign::systemc
