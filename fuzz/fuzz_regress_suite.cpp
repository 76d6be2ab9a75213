// Fuzzes the regression-suite reader (configs/regress/*.json). A suite names its hardware
// points, workloads, energy table and designs by paths relative to itself, so each input is
// written as a suite file into a scratch directory that mirrors configs/ (links to the shipped
// files). An accepted suite has uniquely named cases, each with layers, a mapping per layer
// unless the mapper chooses them, and non-negative tolerances.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <set>

#include "fuzz/fuzz_config.hpp"
#include "regress/suite.hpp"

namespace fs = std::filesystem;

namespace {

// The scratch suite file, in a directory laid out like configs/ (made once per process,
// removed at its exit).
class ScratchSuite {
 public:
  ScratchSuite() {
    char tmpl[] = "/tmp/fuzz_regress_suite.XXXXXX";
    if (!::mkdtemp(tmpl)) codesign::fuzz::finding("cannot make a scratch directory");
    dir_ = tmpl;
    const fs::path configs(CODESIGN_SOURCE_DIR "/configs");
    for (const char* sub : {"hw", "workloads", "energy", "mappings", "spaces", "area"})
      fs::create_directory_symlink(configs / sub, dir_ / sub);
    fs::create_directory(dir_ / "regress");
    fs::create_directory_symlink(configs / "regress" / "designs", dir_ / "regress" / "designs");
  }
  ~ScratchSuite() {
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
  }
  std::string path() const { return (dir_ / "regress" / "fuzz.json").string(); }

 private:
  fs::path dir_;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace codesign;
  static const ScratchSuite scratch;
  const std::string path = scratch.path();
  std::ofstream(path, std::ios::binary | std::ios::trunc)
      .write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  try {
    const regress::Suite suite = regress::load_suite(path);
    std::set<std::string> names;
    for (const regress::Case& c : suite.cases) {
      if (!names.insert(c.name).second) fuzz::finding("two cases named", c.name.c_str());
      if (c.layers.empty()) fuzz::finding("a case without layers:", c.name.c_str());
      if (c.mapping_source != regress::MappingSource::kAuto && c.mappings.size() != c.layers.size())
        fuzz::finding("a case without a mapping per layer:", c.name.c_str());
      for (const auto& [metric, t] : c.tolerances)
        if (!(t.relative >= 0) || !(t.absolute >= 0))
          fuzz::finding("a negative tolerance in", c.name.c_str());
    }
  } catch (const util::ConfigError& e) {
    fuzz::check_message(e.what());
  }
  return 0;
}
