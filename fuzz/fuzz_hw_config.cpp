// Fuzzes the hardware-point reader (configs/hw/*.json): an accepted point survives a round
// trip through its JSON unchanged.
#include "arch/hw_config.hpp"
#include "fuzz/fuzz_config.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace codesign;
  return fuzz::fuzz_config(data, size, [](const nlohmann::json& j) {
    const arch::HwConfig hw = arch::hw_config_from_json(j, "fuzz.json");
    const nlohmann::json again = arch::to_json(hw);
    if (arch::to_json(arch::hw_config_from_json(again, "round trip")) != again)
      fuzz::finding("hardware point changed in a round trip:", again.dump().c_str());
  });
}
