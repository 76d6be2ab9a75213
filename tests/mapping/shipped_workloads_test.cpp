// Slow: compiles sampled mappings of real layers of the shipped workloads on the default
// hardware, runs them on the reference interpreter and compares every output with the
// golden convolution; checks the fast model against the program-level model on the way.
#include <gtest/gtest.h>

#include <random>

#include "arch/isa_reference.hpp"
#include "mapping/compiler.hpp"
#include "mapping/host_data.hpp"
#include "mapping/mapspace.hpp"
#include "mapping/model.hpp"
#include "mapping/program_model.hpp"

using namespace codesign;
using namespace codesign::mapping;

namespace {

void check_layers(const std::string& workload, const std::vector<std::string>& names) {
  const Workload w =
      load_workload(std::string(CODESIGN_SOURCE_DIR) + "/configs/workloads/" + workload + ".json");
  arch::HwConfig hw;
  std::mt19937_64 rng(99);
  int checked = 0;
  for (const Layer& l : w.layers) {
    if (!names.empty() && std::find(names.begin(), names.end(), l.name) == names.end()) continue;
    for (int i = 0; i < 2; ++i) {
      const Mapping m = Mapspace(hw.build, l).sample(rng);
      SCOPED_TRACE(workload + " " + l.name + " " + to_json(m).dump());
      const CompiledLayer c = compile(hw.build, l, m);
      const LayerTensors t = random_tensors(l, hw.build.data_width, rng());
      arch::ReferenceMachine machine(hw.build, c.layout.total_bytes);
      machine.dram() = dram_image(c.layout, l, t);
      machine.run(c.program);
      ASSERT_EQ(read_outputs(c.layout, l, machine.dram()),
                golden_outputs(l, t, hw.build.acc_width));
      const arch::ActionCounts fast = LayerModel(hw, l).evaluate(m);
      const arch::ActionCounts exact = program_counts(hw, l, c.program);
      EXPECT_EQ(fast.macs, exact.macs);
      EXPECT_EQ(fast.dram_read_bytes, exact.dram_read_bytes);
      EXPECT_NEAR(static_cast<double>(fast.cycles), static_cast<double>(exact.cycles), 1.0);
      ++checked;
    }
  }
  EXPECT_GT(checked, 0);
}

}  // namespace

TEST(ShippedWorkloads, DqnRunsCorrectly) { check_layers("dqn", {}); }
TEST(ShippedWorkloads, MlpRunsCorrectly) { check_layers("mlp", {}); }
TEST(ShippedWorkloads, BertAttentionRunsCorrectly) {
  check_layers("bert_base_seq128", {"qk_t", "attn_v"});
}
TEST(ShippedWorkloads, ResNetLayersRunCorrectly) {
  check_layers("resnet50", {"conv1", "conv3_1_b", "conv5_1_shortcut", "conv5_x_b", "fc"});
}
