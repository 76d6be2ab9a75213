#include "report/layer_breakdown.hpp"

#include "mapping/workload.hpp"

namespace codesign::report {

LayerBreakdown layer_breakdown(const store::Trial& model, const store::Trial* rtl) {
  const store::Trial& source = rtl ? *rtl : model;
  LayerBreakdown b;
  b.trial = source.id;
  b.measured_on_rtl = rtl != nullptr;
  const nlohmann::json& hw = model.params.value("hw", nlohmann::json::object());
  b.pes = hw.value("rows", 0) * hw.value("cols", 0);
  // The model trial's params and result list the workload's layers in the same order; the
  // RTL trial's result lists the same layers by name (without repeats).
  const nlohmann::json& shapes = model.params.value("layers", nlohmann::json::array());
  const nlohmann::json& model_layers = model.result.value("layers", nlohmann::json::array());
  double total_cycles = 0, total_energy = 0;
  for (const auto& l : source.result.value("layers", nlohmann::json::array())) {
    LayerRow row;
    row.name = l.value("name", "?");
    for (std::size_t i = 0; i < model_layers.size(); ++i) {
      if (model_layers[i].value("name", "") != row.name) continue;
      row.repeat = model_layers[i].value("repeat", 1);
      if (i < shapes.size() && shapes[i].contains("layer"))
        row.macs = mapping::layer_from_json(shapes[i]["layer"], "study: layer").macs();
    }
    const nlohmann::json& m = l.at("metrics");
    row.cycles = m.value("cycles", std::uint64_t{0});
    row.energy_pj = m.value("energy_pj", 0.0);
    if (m.contains("utilisation")) {
      row.utilisation = m["utilisation"].get<double>();
    } else {
      b.utilisation_recorded = false;
      row.utilisation = b.pes > 0 && row.cycles > 0
                            ? static_cast<double>(row.macs) / (double(b.pes) * double(row.cycles))
                            : 0;
    }
    total_cycles += row.repeat * static_cast<double>(row.cycles);
    total_energy += row.repeat * row.energy_pj;
    b.rows.push_back(row);
  }
  for (LayerRow& row : b.rows) {
    row.cycle_share = total_cycles > 0 ? row.repeat * double(row.cycles) / total_cycles : 0;
    row.energy_share = total_energy > 0 ? row.repeat * row.energy_pj / total_energy : 0;
  }
  return b;
}

}  // namespace codesign::report
