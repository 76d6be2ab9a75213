#include "search/codesign/trial_record.hpp"

#include <gtest/gtest.h>

#include "tests/search/codesign/tiny_workload.hpp"
#include "tests/study_path.hpp"

using namespace codesign;

// Export, RTL confirmation and --resume rebuild every layer and its mapping from a stored
// trial: they must come back exactly as evaluated.
TEST(TrialRecord, RoundTripsLayersAndMappingsThroughTheStore) {
  const mapping::Workload w = tests::tiny_workload();
  arch::HwConfig hw;
  hw.build.rows = 4;
  hw.build.cols = 8;
  hw.build.weight_stationary = false;
  hw.build.input = hw.build.weight = hw.build.accumulator = {4096, 2};
  search::MapperOptions mapper;
  mapper.budget = 30;
  const auto e = search::evaluate_hw(
      hw, w.layers, arch::load_energy_table(arch::default_energy_table_path()), mapper);
  ASSERT_TRUE(e.feasible);

  const std::string path = codesign::tests::fresh_study_path("trial_record.db");
  std::int64_t id = 0;
  id = store::StudyStore::create(path, {})->add(search::to_trial(e, "bo"));
  const store::StudyStore study(path, store::StudyStore::Access::kRead);
  const auto t = study.get(id);
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(arch::hw_config_from_json(t->params["hw"], "hw").build.key(), hw.build.key());
  // Every layer of the workload, under its own name (conv and conv-again share a shape).
  ASSERT_EQ(t->params["layers"].size(), w.layers.size());
  ASSERT_EQ(t->result["layers"].size(), w.layers.size());
  for (std::size_t i = 0; i < w.layers.size(); ++i) {
    EXPECT_EQ(t->result["layers"][i]["name"], w.layers[i].name);
    EXPECT_EQ(t->result["layers"][i]["repeat"], w.layers[i].repeat);
  }
  for (std::size_t i = 0; i < e.layers.size(); ++i) {
    const auto& stored = t->params["layers"][i];
    EXPECT_EQ(mapping::to_json(mapping::layer_from_json(stored["layer"], "layer")),
              mapping::to_json(e.layers[i].layer));
    EXPECT_TRUE(mapping::mapping_from_json(stored["mapping"], "mapping") ==
                e.layers[i].best.mapping);
    EXPECT_EQ(t->result["layers"][i]["metrics"]["energy_pj"].get<double>(),
              e.layers[i].best.metrics.energy_pj);
  }
  // The summary a listing reads without decoding any of that.
  const auto summary = study.summaries().at(0);
  EXPECT_EQ(summary.objective, e.edp_js);
  EXPECT_EQ(summary.energy_pj, e.energy_pj);
  EXPECT_EQ(summary.delay_s, e.delay_s);
  EXPECT_EQ(summary.design, "4x8 os, buffers 4/4/4 KiB");
}
