#include "mapping/mapping.hpp"

#include <gtest/gtest.h>

#include "util/json_reader.hpp"

using namespace codesign::mapping;

namespace {

Mapping example() {
  Mapping m;
  m.dataflow = codesign::arch::Dataflow::kWeightStationary;
  m.row_dim = Dim::kC;
  m.buffer_tile = {1, 2, 16, 8, 7, 7, 3, 3};
  m.compute_tile = {1, 1, 16, 8, 7, 7, 1, 1};
  m.dram_order = {Dim::kG, Dim::kN, Dim::kP, Dim::kQ, Dim::kK, Dim::kS, Dim::kC, Dim::kR};
  m.buffer_order = {Dim::kS, Dim::kR, Dim::kC, Dim::kK, Dim::kG, Dim::kN, Dim::kQ, Dim::kP};
  m.double_buffer = true;
  return m;
}

std::string error_of(const nlohmann::json& j) {
  try {
    mapping_from_json(j, "map.json");
  } catch (const codesign::util::ConfigError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST(Mapping, JsonRoundTrips) {
  const Mapping m = example();
  EXPECT_EQ(mapping_from_json(to_json(m), "m"), m);
  Mapping other = m;
  other.buffer_order[0] = Dim::kR;
  other.buffer_order[1] = Dim::kS;
  EXPECT_NE(mapping_from_json(to_json(other), "m"), m);
}

TEST(Mapping, BoundsFollowTheLayer) {
  Layer l;
  l.n = 2;
  l.groups = 4;
  l.c = 8;
  l.k = 12;
  l.h = l.w = 9;
  l.r = 3;
  l.s = 1;
  EXPECT_EQ(bounds_of(l), (DimArray{2, 4, 3, 2, 7, 9, 3, 1}));
}

TEST(Mapping, FlattenedViewsMergeTheRowLoop) {
  Layer l;
  l.c = 6;
  l.k = 4;
  l.h = 9;
  l.w = 8;
  l.r = 3;
  l.s = 2;
  Mapping os;
  os.flatten = true;
  os.row_dim = Dim::kQ;
  EXPECT_EQ(bounds_of(l, os), (DimArray{1, 1, 4, 6, 1, 7 * 7, 3, 2}));
  Mapping ws = os;
  ws.dataflow = codesign::arch::Dataflow::kWeightStationary;
  ws.row_dim = Dim::kC;
  EXPECT_EQ(bounds_of(l, ws), (DimArray{1, 1, 4, 6 * 3 * 2, 7, 7, 1, 1}));
  ws.flatten = false;
  EXPECT_EQ(bounds_of(l, ws), bounds_of(l));
  // A weight-stationary reduction flattens with one group and no dilation, or C/G = 1.
  EXPECT_EQ(flatten_reason(l, ws.dataflow), "");
  l.dilation = 2;
  EXPECT_NE(flatten_reason(l, ws.dataflow), "");
  EXPECT_EQ(flatten_reason(l, os.dataflow), "");
  l.groups = l.c = l.k = 6;
  EXPECT_EQ(flatten_reason(l, ws.dataflow), "");
}

TEST(Mapping, FilesWrittenBeforeFlatteningReadAsUnflattened) {
  nlohmann::json j = to_json(example());
  EXPECT_EQ(j.at("flatten"), false);
  j.erase("flatten");
  EXPECT_EQ(mapping_from_json(j, "m"), example());
  Mapping f = example();
  f.flatten = true;
  EXPECT_EQ(mapping_from_json(to_json(f), "m"), f);
}

TEST(Mapping, RejectsBadJsonNamingTheKey) {
  nlohmann::json j = to_json(example());
  j["tile"] = 1;
  EXPECT_NE(error_of(j).find("map.json: tile: unknown key"), std::string::npos) << error_of(j);
  j = to_json(example());
  j["dram_order"][1] = j["dram_order"][0];
  EXPECT_NE(error_of(j).find("appears twice"), std::string::npos);
  j = to_json(example());
  j["row_dim"] = "X";
  EXPECT_NE(error_of(j).find("map.json: row_dim: unknown loop"), std::string::npos);
  j = to_json(example());
  j["buffer_tile"]["K"] = 0;
  EXPECT_NE(error_of(j).find("buffer_tile.K"), std::string::npos);
  j = to_json(example());
  j["compute_tile"].erase("Q");
  EXPECT_NE(error_of(j).find("compute_tile.Q: missing"), std::string::npos);
}
