// The hardware/software contract: the SystemVerilog (rtl/codesign_pkg.sv, rtl/accel_top.sv,
// rtl/load_engine.sv) is the source; the C++ constants that mirror it (arch/isa.hpp,
// systemc/accel_interface.hpp, mapping/timing.hpp) are parsed against it here, so that an
// edit to one side only fails this test. The parser is checked to see such edits too.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "arch/hw_config.hpp"
#include "arch/isa.hpp"
#include "mapping/timing.hpp"
#include "systemc/accel_interface.hpp"

#ifndef CODESIGN_SOURCE_DIR
#error "CODESIGN_SOURCE_DIR must be defined by the build"
#endif

namespace codesign::tests {
namespace {

struct Sources {
  std::string package, top, load_engine;
};

std::string read_rtl(const std::string& file) {
  std::ifstream in(std::string(CODESIGN_SOURCE_DIR) + "/rtl/" + file);
  std::stringstream s;
  s << in.rdbuf();
  if (s.str().empty()) ADD_FAILURE() << "cannot read rtl/" << file;
  // Without line comments: they may mention names and values.
  return std::regex_replace(s.str(), std::regex("//[^\n]*"), "");
}

Sources rtl_sources() {
  return {read_rtl("codesign_pkg.sv"), read_rtl("accel_top.sv"), read_rtl("load_engine.sv")};
}

std::string without_spaces(std::string s) {
  s.erase(std::remove_if(s.begin(), s.end(), [](unsigned char c) { return std::isspace(c); }),
          s.end());
  return s;
}

// `localparam int unsigned Name = <number>;` (-1 if absent).
long localparam(const std::string& text, const std::string& name) {
  std::smatch m;
  if (!std::regex_search(
          text, m, std::regex("localparam\\s+int\\s+unsigned\\s+" + name + "\\s*=\\s*(\\d+)")))
    return -1;
  return std::stol(m[1]);
}

// The default of `parameter int unsigned Name = <expression>` ("" if absent).
std::string parameter_default(const std::string& text, const std::string& name) {
  std::smatch m;
  if (!std::regex_search(
          text, m,
          std::regex("parameter\\s+int\\s+unsigned\\s+" + name + "\\s*=\\s*([^,\\)\\n]+)")))
    return "";
  return without_spaces(m[1]);
}

struct Enum {
  int width = 0;
  std::map<std::string, unsigned> values;
};

// `typedef enum logic [W-1:0] { Name = W'dV, ... } type;`
Enum sv_enum(const std::string& text, const std::string& type) {
  Enum e;
  std::smatch m;
  if (!std::regex_search(
          text, m,
          std::regex("typedef\\s+enum\\s+logic\\s*\\[(\\d+):0\\]\\s*\\{([^}]*)\\}\\s*" + type +
                     "\\s*;")))
    return e;
  e.width = std::stoi(m[1]) + 1;
  const std::string body = m[2];
  const std::regex item("(\\w+)\\s*=\\s*\\d+'d(\\d+)");
  for (std::sregex_iterator it(body.begin(), body.end(), item), end; it != end; ++it)
    e.values[(*it)[1]] = static_cast<unsigned>(std::stoul((*it)[2]));
  return e;
}

struct Field {
  std::string name;
  unsigned lsb, width;
  bool operator==(const Field& o) const {
    return name == o.name && lsb == o.lsb && width == o.width;
  }
};

// The fields of `typedef struct packed { logic [H:L] name; ... } type;`, lsb first.
std::vector<Field> sv_struct(const std::string& text, const std::string& type) {
  std::smatch m;
  if (!std::regex_search(
          text, m, std::regex("typedef\\s+struct\\s+packed\\s*\\{([^}]*)\\}\\s*" + type + "\\s*;")))
    return {};
  const std::string body = m[1];
  const std::regex item("logic\\s*\\[(\\d+):(\\d+)\\]\\s*(\\w+)\\s*;");
  std::vector<Field> msb_first;
  for (std::sregex_iterator it(body.begin(), body.end(), item), end; it != end; ++it)
    msb_first.push_back(
        {(*it)[3], 0, static_cast<unsigned>(std::stoul((*it)[1]) - std::stoul((*it)[2]) + 1)});
  std::vector<Field> fields(msb_first.rbegin(), msb_first.rend());
  unsigned lsb = 0;
  for (Field& f : fields) {
    f.lsb = lsb;
    lsb += f.width;
  }
  return fields;
}

struct Port {
  std::string direction, type, name;
  bool operator==(const Port& o) const {
    return direction == o.direction && type == o.type && name == o.name;
  }
};

// The ports of `module Name #(...) ( <ports> );`, types without spaces.
std::vector<Port> sv_ports(const std::string& text, const std::string& module) {
  std::smatch m;
  if (!std::regex_search(
          text, m, std::regex("module\\s+" + module + "[\\s\\S]*?\\)\\s*\\(([\\s\\S]*?)\\);")))
    return {};
  const std::string body = m[1];
  const std::regex item("(input|output)\\s+(logic\\s*(?:\\[[^\\]]*\\])?)\\s*(\\w+)");
  std::vector<Port> ports;
  for (std::sregex_iterator it(body.begin(), body.end(), item), end; it != end; ++it)
    ports.push_back({(*it)[1], without_spaces((*it)[2]), (*it)[3]});
  return ports;
}

// Every way the C++ side differs from the RTL, one line each.
std::vector<std::string> contract_differences(const Sources& rtl) {
  std::vector<std::string> d;
  auto expect = [&d](bool same, const std::string& what) {
    if (!same) d.push_back(what);
  };

  // Opcodes and the command layout (arch/isa.hpp).
  const Enum op = sv_enum(rtl.package, "opcode_e");
  const std::map<std::string, unsigned> opcodes = {
      {"OpLoad", static_cast<unsigned>(arch::Opcode::kLoad)},
      {"OpCompute", static_cast<unsigned>(arch::Opcode::kCompute)},
      {"OpStore", static_cast<unsigned>(arch::Opcode::kStore)},
      {"OpSync", static_cast<unsigned>(arch::Opcode::kSync)}};
  expect(op.values == opcodes, "opcode_e differs from arch::Opcode");
  expect(static_cast<unsigned>(op.width) == arch::kFieldOp.width, "opcode_e width != op field");
  std::vector<Field> fields;
  for (const arch::CommandField& f : arch::kCommandFields)
    fields.push_back({f.name, f.lsb, f.width});
  std::sort(fields.begin(), fields.end(),
            [](const Field& a, const Field& b) { return a.lsb < b.lsb; });
  expect(sv_struct(rtl.package, "cmd_t") == fields, "cmd_t differs from arch::kCommandFields");
  expect(localparam(rtl.package, "FlagWeightBuf") == arch::kFlagWeightBuffer, "FlagWeightBuf");
  expect(localparam(rtl.package, "FlagAccumulate") == arch::kFlagAccumulate, "FlagAccumulate");
  expect(localparam(rtl.package, "FlagKeepWeights") == arch::kFlagKeepWeights, "FlagKeepWeights");
  expect(localparam(rtl.package, "FlagWs") == arch::kFlagWeightStationary, "FlagWs");

  // Ports, buses and counters (systemc/accel_interface.hpp).
  std::vector<Port> ports;
  for (const systemc::AccelPort& p : systemc::kAccelPorts)
    ports.push_back({p.direction, without_spaces(p.type), p.name});
  expect(sv_ports(rtl.top, "accel_top") == ports, "accel_top's ports differ from kAccelPorts");
  expect(localparam(rtl.package, "MaxLanes") == systemc::kMaxLanes, "MaxLanes");
  expect(localparam(rtl.package, "RdLaneW") == systemc::kRdLaneBits, "RdLaneW");
  expect(localparam(rtl.package, "WrLaneW") == systemc::kWrLaneBits, "WrLaneW");
  using namespace systemc;
  const std::map<std::string, unsigned> counters = {{"CtrCycles", kCtrCycles},
                                                    {"CtrMacs", kCtrMacs},
                                                    {"CtrZeroMacs", kCtrZeroMacs},
                                                    {"CtrInputToggles", kCtrInputToggles},
                                                    {"CtrWeightToggles", kCtrWeightToggles},
                                                    {"CtrInputReads", kCtrInputReads},
                                                    {"CtrInputWrites", kCtrInputWrites},
                                                    {"CtrWeightReads", kCtrWeightReads},
                                                    {"CtrWeightWrites", kCtrWeightWrites},
                                                    {"CtrAccReads", kCtrAccReads},
                                                    {"CtrAccWrites", kCtrAccWrites},
                                                    {"CtrExecBusy", kCtrExecBusy},
                                                    {"CtrLoadBusy", kCtrLoadBusy},
                                                    {"CtrStoreBusy", kCtrStoreBusy},
                                                    {"CtrBankConflicts", kCtrBankConflicts},
                                                    {"CtrDramStall", kCtrDramStall},
                                                    {"CtrIdle", kCtrIdle},
                                                    {"CtrNone", kCtrNone}};
  const Enum ctr = sv_enum(rtl.package, "ctr_sel_e");
  expect(ctr.values == counters, "ctr_sel_e differs from systemc::CounterIndex");
  const auto sel =
      std::find_if(ports.begin(), ports.end(), [](const Port& p) { return p.name == "ctr_sel_i"; });
  expect(sel != ports.end() && sel->type == "logic[" + std::to_string(ctr.width - 1) + ":0]",
         "ctr_sel_i is not as wide as ctr_sel_e");

  // The analytical model's copies (mapping/timing.hpp, arch/hw_config.hpp).
  const mapping::Timing timing;
  expect(localparam(rtl.package, "CmdQueueDepth") == arch::kCommandQueueDepth &&
             timing.queue_depth == arch::kCommandQueueDepth,
         "CmdQueueDepth differs from arch::kCommandQueueDepth or Timing::queue_depth");
  expect(parameter_default(rtl.top, "QueueDepth") == "codesign_pkg::CmdQueueDepth",
         "accel_top's QueueDepth is not codesign_pkg::CmdQueueDepth");
  expect(localparam(rtl.package, "LoadTags") == timing.load_max_outstanding,
         "LoadTags differs from Timing::load_max_outstanding");
  expect(parameter_default(rtl.load_engine, "MaxOutstanding") == "codesign_pkg::LoadTags" &&
             rtl.top.find(".MaxOutstanding") == std::string::npos,
         "load_engine's MaxOutstanding is not codesign_pkg::LoadTags in accel_top");
  return d;
}

TEST(RtlContract, TheCxxSideMatchesTheRtl) {
  const Sources rtl = rtl_sources();
  // The parser found what it compares.
  EXPECT_EQ(sv_enum(rtl.package, "opcode_e").values.size(), 4u);
  EXPECT_EQ(sv_struct(rtl.package, "cmd_t").size(), std::size(arch::kCommandFields));
  EXPECT_EQ(sv_ports(rtl.top, "accel_top").size(), std::size(systemc::kAccelPorts));
  for (const std::string& d : contract_differences(rtl)) ADD_FAILURE() << d;
}

// An edit to the RTL side only is seen.
TEST(RtlContract, AOneSidedEditIsCaught) {
  struct Edit {
    std::string Sources::*file;
    const char *from, *to;
  };
  const Edit edits[] = {
      {&Sources::package, "OpSync    = 8'd4", "OpSync    = 8'd5"},
      {&Sources::package, "logic [15:0] len2;", "logic [15:0] len3;"},
      {&Sources::package, "logic [31:0] dram_addr;", "logic [23:0] dram_addr;"},
      {&Sources::package, "FlagWs          = 2", "FlagWs          = 3"},
      {&Sources::package, "CtrIdle          = 5'd16", "CtrIdle          = 5'd17"},
      {&Sources::package, "CmdQueueDepth = 4", "CmdQueueDepth = 8"},
      {&Sources::package, "LoadTags      = 32", "LoadTags      = 16"},
      {&Sources::package, "RdLaneW  = 16", "RdLaneW  = 8"},
      {&Sources::top, "output logic [7:0]         wr_len_o", "output logic [8:0]         wr_len_o"},
      {&Sources::top, "input  logic               clear_counters_i,\n",
       "input  logic               clear_counters_i,\n  input  logic x_i,\n"},
      {&Sources::load_engine, "MaxOutstanding = codesign_pkg::LoadTags", "MaxOutstanding = 16"},
  };
  for (const Edit& e : edits) {
    Sources rtl = rtl_sources();
    std::string& text = rtl.*e.file;
    const auto at = text.find(e.from);
    ASSERT_NE(at, std::string::npos) << e.from;
    text.replace(at, std::string(e.from).size(), e.to);
    EXPECT_FALSE(contract_differences(rtl).empty()) << e.from << " -> " << e.to;
  }
}

}  // namespace
}  // namespace codesign::tests
