#include "mapping/mapping.hpp"

#include "mapping/patch_lowering.hpp"
#include "util/json_reader.hpp"

namespace codesign::mapping {

namespace {

const std::array<const char*, kNumDims> kDimNames = {"N", "G", "K", "C", "P", "Q", "R", "S"};

Dim dim_from_string(util::JsonObject& o, const std::string& key, const std::string& s) {
  for (Dim d : kAllDims)
    if (s == kDimNames[index(d)]) return d;
  o.fail(key, "unknown loop \"" + s + "\" (expected one of N G K C P Q R S)");
}

DimArray tile_from_json(util::JsonObject o) {
  DimArray t{};
  for (Dim d : kAllDims) t[index(d)] = static_cast<int>(o.integer(to_string(d), 1, 1 << 30));
  o.finish();
  return t;
}

DimOrder order_from_json(util::JsonObject& parent, const std::string& key) {
  const nlohmann::json& a = parent.array(key);
  if (a.size() != kNumDims) parent.fail(key, "expected a permutation of the 8 loops");
  DimOrder order{};
  std::array<bool, kNumDims> seen{};
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (!a[i].is_string()) parent.fail(key, "expected loop names");
    const Dim d = dim_from_string(parent, key, a[i].get<std::string>());
    if (seen[index(d)]) parent.fail(key, std::string("loop ") + to_string(d) + " appears twice");
    seen[index(d)] = true;
    order[i] = d;
  }
  return order;
}

nlohmann::json to_json(const DimArray& t) {
  nlohmann::json j = nlohmann::json::object();
  for (Dim d : kAllDims) j[to_string(d)] = t[index(d)];
  return j;
}

nlohmann::json to_json(const DimOrder& order) {
  nlohmann::json j = nlohmann::json::array();
  for (Dim d : order) j.push_back(to_string(d));
  return j;
}

}  // namespace

const char* to_string(Dim d) { return kDimNames[index(d)]; }

DimArray bounds_of(const Layer& l) {
  DimArray b{};
  b[index(Dim::kN)] = l.n;
  b[index(Dim::kG)] = l.groups;
  b[index(Dim::kK)] = l.k_per_group();
  b[index(Dim::kC)] = l.c_per_group();
  b[index(Dim::kP)] = l.p();
  b[index(Dim::kQ)] = l.q();
  b[index(Dim::kR)] = l.r;
  b[index(Dim::kS)] = l.s;
  return b;
}

DimArray bounds_of(const Layer& l, const Mapping& m) {
  if (m.patch != 1) {
    const Executed e = executed(l, m);
    return bounds_of(e.layer, e.mapping);
  }
  DimArray b = bounds_of(l);
  if (!m.flatten) return b;
  if (m.dataflow == arch::Dataflow::kOutputStationary) {
    b[index(Dim::kQ)] *= b[index(Dim::kP)];
    b[index(Dim::kP)] = 1;
  } else {
    b[index(Dim::kC)] *= b[index(Dim::kR)] * b[index(Dim::kS)];
    b[index(Dim::kR)] = b[index(Dim::kS)] = 1;
  }
  return b;
}

std::string mode_name(const Mapping& m) {
  const std::string t = std::to_string(m.patch);
  return std::string(arch::to_string(m.dataflow)) + (m.patch == 1 ? "" : " " + t + "x" + t);
}

std::string flatten_reason(const Layer& l, arch::Dataflow df) {
  if (df == arch::Dataflow::kOutputStationary) return "";
  if (l.c_per_group() == 1 || (l.groups == 1 && l.dilation == 1)) return "";
  return "a flattened weight-stationary reduction needs one group and no dilation, or one "
         "input channel per group";
}

bool Mapping::operator==(const Mapping& o) const {
  return dataflow == o.dataflow && row_dim == o.row_dim && col_dim == o.col_dim &&
         buffer_tile == o.buffer_tile && compute_tile == o.compute_tile &&
         dram_order == o.dram_order && buffer_order == o.buffer_order &&
         double_buffer == o.double_buffer && flatten == o.flatten && patch == o.patch;
}

nlohmann::json to_json(const Mapping& m) {
  nlohmann::json j = {{"dataflow", arch::to_string(m.dataflow)},
                      {"row_dim", to_string(m.row_dim)},
                      {"col_dim", to_string(m.col_dim)},
                      {"buffer_tile", to_json(m.buffer_tile)},
                      {"compute_tile", to_json(m.compute_tile)},
                      {"dram_order", to_json(m.dram_order)},
                      {"buffer_order", to_json(m.buffer_order)},
                      {"double_buffer", m.double_buffer},
                      {"flatten", m.flatten}};
  if (m.patch != 1) j["patch"] = m.patch;
  return j;
}

Mapping mapping_from_json(const nlohmann::json& j, const std::string& path) {
  util::JsonObject o(j, path);
  Mapping m;
  m.dataflow = o.choice("dataflow", {"os", "ws"}) == "ws" ? arch::Dataflow::kWeightStationary
                                                          : arch::Dataflow::kOutputStationary;
  m.row_dim = dim_from_string(o, "row_dim", o.string("row_dim"));
  m.col_dim = dim_from_string(o, "col_dim", o.string_or("col_dim", "K"));
  m.buffer_tile = tile_from_json(o.object("buffer_tile"));
  m.compute_tile = tile_from_json(o.object("compute_tile"));
  m.dram_order = order_from_json(o, "dram_order");
  m.buffer_order = order_from_json(o, "buffer_order");
  m.double_buffer = o.boolean("double_buffer");
  m.flatten = o.boolean_or("flatten", false);
  m.patch = static_cast<int>(o.integer_or("patch", 1, 1, kMaxPatch));
  o.finish();
  return m;
}

}  // namespace codesign::mapping
