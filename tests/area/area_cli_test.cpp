// `codesign area` end to end: the real executable, real files, real exit codes.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "util/json_reader.hpp"
#include "util/process.hpp"

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

class AreaCli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::path(::testing::TempDir()) /
           ("area_cli_" +
            std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }

  std::string write(const std::string& name, const json& j) {
    const std::string p = (dir_ / name).string();
    std::ofstream(p) << j.dump(1);
    return p;
  }

  std::pair<int, std::string> run(const std::vector<std::string>& args) {
    std::vector<std::string> argv = {CODESIGN_EXE, "area"};
    argv.insert(argv.end(), args.begin(), args.end());
    const std::string log = (dir_ / "out.log").string();
    const auto r = codesign::util::run_process(argv, log, 1800);
    std::ifstream in(log);
    std::stringstream s;
    s << in.rdbuf();
    return {r.exit_code, s.str()};
  }

  static json small_hw() {
    return {{"name", "area-2x3"},
            {"rows", 2},
            {"cols", 3},
            {"input_buffer", {{"bytes", 1024}, {"banks", 2}}},
            {"weight_buffer", {{"bytes", 1024}, {"banks", 2}}},
            {"accumulator_buffer", {{"bytes", 4096}, {"banks", 2}}}};
  }

  fs::path dir_;
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
