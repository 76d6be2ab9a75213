// A network's totals: each layer counted `repeat` times, energy by component, EDP of the
// whole (not a sum of layer EDPs), utilisation weighted by cycles.
#include "arch/network_metrics.hpp"

#include <gtest/gtest.h>

namespace codesign::arch {
namespace {

Metrics layer(std::uint64_t cycles, double delay_s, double mac_pj, double dram_pj,
              double utilisation) {
  Metrics m;
  m.cycles = cycles;
  m.delay_s = delay_s;
  m.energy.mac_pj = mac_pj;
  m.energy.dram_pj = dram_pj;
  m.energy_pj = m.energy.total_pj();
  m.edp_js = m.energy_pj * 1e-12 * delay_s;
  m.utilisation = utilisation;
  return m;
}

TEST(NetworkMetrics, CountsEveryRepeat) {
  NetworkMetrics n;
  n.add(layer(100, 1e-6, 10, 30, 0.5), 3);
  n.add(layer(400, 4e-6, 5, 5, 1.0), 1);
  n.add(layer(7, 7e-6, 7, 7, 1.0), 0);
  const Metrics t = n.total();
  EXPECT_EQ(t.cycles, 700u);
  EXPECT_DOUBLE_EQ(t.delay_s, 7e-6);
  EXPECT_DOUBLE_EQ(t.energy.mac_pj, 35);
  EXPECT_DOUBLE_EQ(t.energy.dram_pj, 95);
  EXPECT_DOUBLE_EQ(t.energy_pj, 130);
  EXPECT_DOUBLE_EQ(t.edp_js, 130e-12 * 7e-6);  // of the whole network
  EXPECT_DOUBLE_EQ(t.utilisation, (0.5 * 300 + 1.0 * 400) / 700);
  EXPECT_DOUBLE_EQ(t.average_power_mw, 130e-9 / 7e-6);
}

TEST(NetworkMetrics, AnEmptyNetworkIsZero) {
  const Metrics t = NetworkMetrics().total();
  EXPECT_EQ(t.cycles, 0u);
  EXPECT_EQ(t.edp_js, 0);
  EXPECT_EQ(t.utilisation, 0);
  EXPECT_EQ(t.average_power_mw, 0);
}

TEST(NetworkMetrics, RefusesANegativeRepeat) {
  NetworkMetrics n;
  EXPECT_THROW(n.add(layer(1, 1, 1, 1, 1), -1), std::invalid_argument);
}

}  // namespace
}  // namespace codesign::arch
