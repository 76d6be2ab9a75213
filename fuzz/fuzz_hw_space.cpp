// Fuzzes the design-space reader (configs/spaces/*.json): an accepted space survives a round
// trip through its JSON and decodes its smallest point into a hardware point that is either
// valid or refused with a reason.
#include "fuzz/fuzz_config.hpp"
#include "search/codesign/hw_space.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace codesign;
  return fuzz::fuzz_config(data, size, [](const nlohmann::json& j) {
    const search::HwSpaceSpec spec = search::hw_space_from_json(j, "fuzz.json");
    const nlohmann::json again = search::to_json(spec);
    if (search::to_json(search::hw_space_from_json(again, "round trip")) != again)
      fuzz::finding("space changed in a round trip:", again.dump().c_str());
    const search::HwSpace space(spec);
    const search::Point smallest = {double(spec.rows.min),
                                    double(spec.cols.min),
                                    double(spec.input_kib.min),
                                    double(spec.weight_kib.min),
                                    double(spec.accumulator_kib.min),
                                    0.0};
    const arch::HwConfig hw = space.decode(smallest);
    if (space.violation(hw).empty() && space.encode(hw) != smallest)
      fuzz::finding("the smallest point does not encode back");
  });
}
