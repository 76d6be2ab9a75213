// The agreement summary and tables (tb/model_agreement), on hand-made rows: the RTL runs
// themselves are covered by the `codesign agreement` end-to-end tests.
#include "tb/model_agreement.hpp"

#include <gtest/gtest.h>

using namespace codesign;

namespace {

tb::AgreementRow row(const char* name, int repeat, std::uint64_t model_cycles,
                     std::uint64_t rtl_cycles, std::uint64_t model_stall, std::uint64_t rtl_stall,
                     const char* status = "ok") {
  tb::AgreementRow r;
  r.c.layer.name = name;
  r.c.layer.repeat = repeat;
  r.status = status;
  r.model.cycles = r.model_counts.cycles = model_cycles;
  r.rtl.cycles = r.rtl_counts.cycles = rtl_cycles;
  r.model.energy_pj = 100;
  r.rtl.energy_pj = 100;
  r.model_counts.dram_stall_cycles = model_stall;
  r.rtl_counts.dram_stall_cycles = rtl_stall;
  r.cycle_error = tb::relative_error(model_cycles, rtl_cycles).value_or(0);
  return r;
}

std::size_t counter(const char* name) {
  const auto& c = tb::breakdown_counters();
  for (std::size_t i = 0; i < c.size(); ++i)
    if (std::string(c[i].name) == name) return i;
  ADD_FAILURE() << name;
  return 0;
}

}  // namespace

TEST(ModelAgreement, RelativeErrorIsUndefinedOnlyWhenTheRtlCountedNothing) {
  EXPECT_DOUBLE_EQ(*tb::relative_error(110, 100), 0.1);
  EXPECT_DOUBLE_EQ(*tb::relative_error(0, 0), 0);
  EXPECT_FALSE(tb::relative_error(5, 0).has_value());
}

TEST(ModelAgreement, SummaryTakesMeanAndMaxOverTheRowsThatRan) {
  const std::vector<tb::AgreementRow> rows = {row("a", 1, 102, 100, 90, 100),
                                              row("b", 3, 95, 100, 7, 0),
                                              row("c", 1, 1000, 100, 0, 0, "mismatch: output 3")};
  const tb::AgreementSummary s = tb::summarise(rows);
  EXPECT_EQ(s.rows, 3);
  EXPECT_EQ(s.ok, 2);
  EXPECT_NEAR(s.cycles.mean, 0.035, 1e-12);
  EXPECT_NEAR(s.cycles.max, 0.05, 1e-12);
  const tb::ErrorStats& stall = s.counters[counter("dram_stall")];
  EXPECT_EQ(stall.defined, 1);
  EXPECT_EQ(stall.undefined, 1);  // b: the RTL counted no stall, the model 7
  EXPECT_NEAR(stall.max, 0.1, 1e-12);
  EXPECT_EQ(s.counters[counter("exec_busy")].defined, 2);  // 0 and 0 agree
  // a: 90 against 100 stalls, within 10%; b: 7 against 0, 7% of its 100 cycles: not close.
  EXPECT_EQ(s.counters_close[counter("dram_stall")], 1);
}

TEST(ModelAgreement, ACounterIsCloseWithin10PercentOrWithin1PercentOfTheCycles) {
  // 50 stalls against 100 in a 10 000-cycle layer: 50% off, but 0.5% of the cycles.
  const std::vector<tb::AgreementRow> rows = {row("a", 1, 10000, 10000, 50, 100),
                                              row("b", 1, 1000, 1000, 50, 100)};
  const tb::AgreementSummary s = tb::summarise(rows);
  EXPECT_EQ(s.counters_close[counter("dram_stall")], 1);  // a only: b is 5% of its cycles off
  const std::string md = tb::workload_agreement_markdown(rows);
  EXPECT_NE(md.find("Counters within 10% of the RTL's or within 1% of the layer's cycles:"),
            std::string::npos)
      << md;
  EXPECT_NE(md.find("dram_stall 1 of 2"), std::string::npos) << md;
}

TEST(ModelAgreement, WorkloadTableCountsRepeatsInTheNetworkTotals) {
  const std::vector<tb::AgreementRow> rows = {row("a", 1, 110, 100, 0, 0),
                                              row("b", 3, 100, 100, 0, 0)};
  const std::string md = tb::workload_agreement_markdown(rows);
  EXPECT_NE(md.find("| 1 | a | 1 |"), std::string::npos) << md;
  EXPECT_NE(md.find("| 2 | b | 3 |"), std::string::npos) << md;
  EXPECT_NE(md.find("2 of 2 layers ran bit-exact"), std::string::npos) << md;
  // (110 + 3 * 100) / (100 + 3 * 100) - 1 = +2.5%.
  EXPECT_NE(md.find("Network, repeats counted: cycles +2.5%"), std::string::npos) << md;
  const std::string csv = tb::agreement_csv(rows);
  EXPECT_NE(csv.find("\n1,default,a,1,os,0,1,ok,110,100,"), std::string::npos) << csv;
}
