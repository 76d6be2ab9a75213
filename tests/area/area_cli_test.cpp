// `codesign area` end to end: the real executable, real files, real exit codes.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "../cli/cli_fixture.hpp"
#include "util/json_reader.hpp"

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

class AreaCli : public codesign::tests::CliTest {
 protected:
  std::pair<int, std::string> run(std::vector<std::string> args) {
    args.insert(args.begin(), "area");
    const auto o = codesign(args, 1800);
    return {o.exit_code, o.output};
  }

  static json small_hw() {
    return {{"name", "area-2x3"},
            {"rows", 2},
            {"cols", 3},
            {"input_buffer", {{"bytes", 1024}, {"banks", 2}}},
            {"weight_buffer", {{"bytes", 1024}, {"banks", 2}}},
            {"accumulator_buffer", {{"bytes", 4096}, {"banks", 2}}}};
  }
};

}  // namespace

TEST_F(AreaCli, AnUnknownKeyIsRejectedByNameAndNothingIsWritten) {
  json hw = small_hw();
  hw["pe_flavour"] = "fast";
  const std::string out = (dir_ / "area.json").string();
  const auto [code, text] =
      run({"--hw", write("hw.json", hw), "--json", out, "--cache", (dir_ / "cache").string()});
  EXPECT_EQ(code, 2) << text;
  EXPECT_NE(text.find("pe_flavour: unknown key"), std::string::npos) << text;
  EXPECT_FALSE(fs::exists(out));
  EXPECT_FALSE(fs::exists(dir_ / "cache"));  // nothing synthesised, nothing cached
}

TEST_F(AreaCli, AnInvalidVariantIsRejectedWithTheAcceptedRange) {
  json hw = small_hw();
  hw["data_width"] = 12;
  const auto [code, text] = run({"--hw", write("hw.json", hw)});
  EXPECT_EQ(code, 2) << text;
  EXPECT_NE(text.find("data_width: expected 8 or 16, got 12"), std::string::npos) << text;
}

// Slow: calibrates the variant (one PE and four small arrays through Yosys).
TEST_F(AreaCli, PrintsTheBreakdownAndWritesJson) {
  const std::string out = (dir_ / "area.json").string();
  const auto [code, text] = run({"--hw", write("hw.json", small_hw()), "--json", out});
  ASSERT_EQ(code, 0) << text;
  for (const char* part : {"PE array logic", "edge (skew) logic", "input buffer",
                           "accumulator buffer", "total", "leakage power"})
    EXPECT_NE(text.find(part), std::string::npos) << part << "\n" << text;
  const json j = codesign::util::read_json_file(out);
  const double total = j["area"]["total_um2"];
  EXPECT_NEAR(total, j["area"]["logic_um2"].get<double>() + j["area"]["sram_um2"].get<double>(),
              1e-6 * total);
  EXPECT_GT(j["leakage_mw"].get<double>(), 0);
}
