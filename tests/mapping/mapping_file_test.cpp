#include "mapping/mapping_file.hpp"

#include <gtest/gtest.h>

#include "mapping/validity.hpp"
#include "util/json_reader.hpp"

using namespace codesign;

namespace {

const std::string kSource = CODESIGN_SOURCE_DIR;

mapping::Workload dqn() { return mapping::load_workload(kSource + "/configs/workloads/dqn.json"); }

arch::BuildConfig default_hw() {
  return arch::load_hw_config(kSource + "/configs/hw/default.json").build;
}

nlohmann::json shipped() {
  return util::read_json_file(kSource + "/configs/mappings/dqn_default.json");
}

std::string error_of(const nlohmann::json& j, const std::vector<mapping::Layer>& selected) {
  try {
    mapping::mappings_from_json(j, "m.json", default_hw(), dqn(), selected);
  } catch (const util::ConfigError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST(MappingFile, TheShippedExampleMapsEveryDqnLayerOnTheDefaultHardware) {
  const mapping::Workload w = dqn();
  const auto m = mapping::load_mapping_file(kSource + "/configs/mappings/dqn_default.json",
                                            default_hw(), w, w.layers);
  ASSERT_EQ(m.size(), w.layers.size());
  for (std::size_t i = 0; i < m.size(); ++i)
    EXPECT_EQ(mapping::check_mapping(default_hw(), w.layers[i], m[i]), "") << w.layers[i].name;
}

TEST(MappingFile, ASelectionNeedsOnlyItsLayers) {
  const mapping::Workload w = dqn();
  EXPECT_EQ(error_of(shipped(), {w.layers[1]}), "");
  nlohmann::json j = shipped();
  j["layers"].erase(w.layers[0].name);
  EXPECT_EQ(error_of(j, {w.layers[1]}), "");
  EXPECT_EQ(error_of(j, w.layers),
            "m.json: layers." + w.layers[0].name + ": no mapping for this layer");
}

TEST(MappingFile, RefusesNamesOfNoLayerAndInvalidMappings) {
  const mapping::Workload w = dqn();
  nlohmann::json j = shipped();
  j["layers"]["conv9"] = j["layers"][w.layers[0].name];
  EXPECT_NE(error_of(j, w.layers).find("m.json: layers.conv9: unknown key (known here: "),
            std::string::npos);
  j = shipped();
  j["layers"][w.layers[0].name]["compute_tile"]["K"] = 1000;
  EXPECT_NE(error_of(j, w.layers).find("m.json: layers." + w.layers[0].name + ": compute_tile[K]"),
            std::string::npos)
      << error_of(j, w.layers);
}
