// Fuzzes the mapping-file reader (simulate --mapping) against DQN on the default hardware:
// every mapping it accepts is valid there.
#include "arch/hw_config.hpp"
#include "fuzz/fuzz_config.hpp"
#include "mapping/mapping_file.hpp"
#include "mapping/validity.hpp"

namespace {

const codesign::mapping::Workload& dqn() {
  static const auto w =
      codesign::mapping::load_workload(CODESIGN_SOURCE_DIR "/configs/workloads/dqn.json");
  return w;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace codesign;
  return fuzz::fuzz_config(data, size, [](const nlohmann::json& j) {
    const arch::BuildConfig hw;  // configs/hw/default.json's build
    const auto mappings = mapping::mappings_from_json(j, "fuzz.json", hw, dqn(), dqn().layers);
    for (std::size_t i = 0; i < mappings.size(); ++i)
      if (!mapping::is_valid(hw, dqn().layers[i], mappings[i]))
        fuzz::finding("accepted an invalid mapping for", dqn().layers[i].name.c_str());
  });
}
