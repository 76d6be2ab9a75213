// One Verilated simulator per compile-time configuration, built on first use and cached:
// re-running a configuration never rebuilds, and run-time parameters never force a build.
// A build verilates rtl/ with the configuration's parameters, compiles only the generated
// model (the Verilator runtime and the SystemC harness are prebuilt libraries), and links.
// Builds are atomic (a temporary directory renamed into place) and serialised per
// configuration by a file lock, so concurrent processes can share one cache. Each entry
// records a checksum of its simulator: a truncated, corrupted or non-executable one is
// rebuilt (saying so). A complete entry is used without the lock, so a read-only cache of
// built simulators works.
#pragma once

#include <string>

#include "arch/hw_config.hpp"

namespace codesign::systemc {

struct BuildResult {
  bool ok = false;
  bool cached = false;     // found ready, no work done
  std::string executable;  // the simulator, when ok
  std::string reason;      // why it failed, with the tail of the build log
  bool timed_out = false;  // the time limit ended the wait for the lock or the build
  double seconds = 0;
};

// Variants of one configuration's simulator that do not change what it computes.
struct BuildOptions {
  bool trace = false;          // VCD tracing compiled in
  bool count_activity = true;  // the RTL's activity counters (off only to measure their cost)
  bool assertions = false;     // the RTL's SV assertions (`ifndef SYNTHESIS) checked: slower
  std::string suffix() const;
};

class BuildCache {
 public:
  // `root` defaults to $CODESIGN_RTL_CACHE, else <build dir>/rtl-cache.
  explicit BuildCache(std::string root = "");

  // The configuration's simulator, built if needed within `timeout_s` seconds (0: no
  // limit), waiting for another process's build of it included. Throws util::ConfigError
  // naming the cache if it must build but cannot write there, util::Interrupted on a
  // handled signal.
  BuildResult build(const arch::BuildConfig& b, const BuildOptions& options = {},
                    double timeout_s = 0) const;
  // Throws util::ConfigError naming the cache if it is not a directory, or is absent and
  // cannot be created; call before work whose results need simulators. A read-only cache
  // passes: its built simulators are usable.
  void check_usable() const;
  // Where a configuration's simulator lives (whether or not it is built yet).
  std::string directory(const arch::BuildConfig& b, const BuildOptions& options) const;
  const std::string& root() const { return root_; }
  // Verilator parameter flags (-GRows=...) for a configuration.
  static std::string parameter_flags(const arch::BuildConfig& b, const BuildOptions& options);

 private:
  std::string root_;
  std::string fingerprint_;  // hash of the RTL sources and harness libraries
};

}  // namespace codesign::systemc
