// Logic synthesis of the accelerator's RTL with Yosys, per compile-time variant, cached.
// Synthesis is hierarchical (each distinct module variant is synthesised once, so a 16x16
// array costs one PE), and the SRAM buffers (banked_sram) are black boxes: their area comes
// from the SRAM model, never from flip-flops. Results are cached by the target's key and a
// fingerprint of the RTL sources and the Yosys script; entries are written atomically under
// a file lock, and a failed run caches nothing.
#pragma once

#include <map>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "arch/hw_config.hpp"
#include "area/cell_library.hpp"

namespace codesign::area {

// What to synthesise: a module of rtl/ and the parameters it is specialised with.
struct SynthesisTarget {
  std::string module;
  std::vector<std::pair<std::string, long>> parameters;
  // A canonical one-line description, e.g. "pe_DataW8_AccW32_BuildOs1_BuildWs1".
  std::string key() const;
};

// One PE of the variant (only widths and dataflows matter).
SynthesisTarget pe_target(const arch::BuildConfig& b);
// The rows x cols PE array alone (no skew, no control).
SynthesisTarget pe_array_target(const arch::BuildConfig& b);
// The whole accelerator's logic (accel_top, buffers black-boxed) for this configuration.
SynthesisTarget accelerator_target(const arch::BuildConfig& b);

struct SynthesisResult {
  std::string key;
  CellCounts cells;                        // leaf cells of the whole hierarchy
  std::map<std::string, long> blackboxes;  // e.g. {"banked_sram": 3}
  bool cached = false;
  double seconds = 0;  // of the synthesis run, also when read back from the cache
};

// Yosys could not synthesise a target; the message names it and ends with its log's tail.
class SynthesisError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class SynthesisCache {
 public:
  // `root` defaults to $CODESIGN_AREA_CACHE, else <build dir>/area-cache; `rtl_dir` to rtl/.
  explicit SynthesisCache(std::string root = "", std::string rtl_dir = "", double timeout_s = 1800);

  // Returns the cached result or runs Yosys. Throws SynthesisError on failure.
  SynthesisResult run(const SynthesisTarget& t) const;
  // Where the result of `t` is (or would be) stored.
  std::string entry_path(const SynthesisTarget& t) const;
  const std::string& root() const { return root_; }

  // The Yosys script for `t`, writing the text of `stat -top` to `stat_file`.
  std::string script(const SynthesisTarget& t, const std::string& stat_file) const;

 private:
  std::string root_;
  std::string rtl_dir_;
  double timeout_s_;
  std::vector<std::string> sources_;  // rtl_dir_/files.f, in order
  std::string fingerprint_;           // of the sources
};

}  // namespace codesign::area
