// A trial survives the trip through JSON exactly, and a damaged one is refused by name.
#include "store/trial_json.hpp"

#include <gtest/gtest.h>

#include "util/json_reader.hpp"

namespace codesign::store {
namespace {

Trial sample() {
  Trial t;
  t.id = 7;
  t.algorithm = "bo";
  t.fidelity = "rtl";
  t.status = "ok";
  t.reason = "";
  t.feasible = true;
  t.objective = 1.25e-6;
  t.energy_pj = 2.5e6;
  t.delay_s = 0.5;
  t.design = "4x4 os, buffers 1/1/1 KiB";
  t.wall_s = 0.5;
  t.parent = 3;
  t.area_mm2 = 1.25;
  t.params = {{"hw", {{"rows", 4}}}, {"layers", nlohmann::json::array()}};
  t.result = {{"edp_js", 1.25e-6}};
  return t;
}

TEST(TrialJson, RoundTripsEveryField) {
  const Trial t = sample();
  const Trial back = trial_from_json(to_json(t), "answer");
  EXPECT_EQ(to_json(back), to_json(t));
}

TEST(TrialJson, RefusesAMissingOrUnknownKey) {
  nlohmann::json j = to_json(sample());
  j.erase("status");
  EXPECT_THROW(
      {
        try {
          trial_from_json(j, "worker answer");
        } catch (const util::ConfigError& e) {
          EXPECT_NE(std::string(e.what()).find("worker answer"), std::string::npos) << e.what();
          EXPECT_NE(std::string(e.what()).find("status"), std::string::npos) << e.what();
          throw;
        }
      },
      util::ConfigError);
  j = to_json(sample());
  j["extra"] = 1;
  EXPECT_THROW(trial_from_json(j, "worker answer"), util::ConfigError);
}

}  // namespace
}  // namespace codesign::store
