#include "arch/isa.hpp"

#include <stdexcept>

#include "util/json_reader.hpp"

namespace codesign::arch {

Command Command::load(BufferId buf, std::uint32_t spad, std::uint32_t dram, std::uint32_t count,
                      std::uint32_t vec_len, std::uint32_t elem_stride, std::uint32_t vec_stride) {
  Command c;
  c.op = Opcode::kLoad;
  c.buffer = buf;
  c.spad_addr = spad;
  c.dram_addr = dram;
  c.count = count;
  c.vec_len = vec_len;
  c.elem_stride = elem_stride;
  c.vec_stride = vec_stride;
  return c;
}

Command Command::wrapped(std::uint32_t len, std::uint32_t start, std::uint32_t stride) const {
  Command c = *this;
  c.wrap_len = len;
  c.wrap_start = start;
  c.wrap_stride = stride;
  return c;
}

std::uint32_t Command::segments_per_vector() const {
  if (wrap_len == 0) return 1;
  return (wrap_start + vec_len + wrap_len - 1) / wrap_len;
}

Command Command::store(std::uint32_t spad, std::uint32_t dram, std::uint32_t count,
                       std::uint32_t vec_len, std::uint32_t elem_stride, std::uint32_t vec_stride) {
  Command c = load(BufferId::kInput, spad, dram, count, vec_len, elem_stride, vec_stride);
  c.op = Opcode::kStore;
  return c;
}

Command Command::compute(Dataflow df, std::uint32_t a, std::uint32_t b, std::uint32_t acc,
                         std::uint32_t m, std::uint32_t n, std::uint32_t k, bool accumulate,
                         bool keep_weights) {
  Command c;
  c.op = Opcode::kCompute;
  c.dataflow = df;
  c.a_addr = a;
  c.b_addr = b;
  c.acc_addr = acc;
  c.m = m;
  c.n = n;
  c.k = k;
  c.accumulate = accumulate;
  c.keep_weights = keep_weights;
  return c;
}

Command Command::sync() { return Command{}; }

bool Command::operator==(const Command& o) const { return encode(*this) == encode(o); }

// Layout (mirrored in rtl/codesign_pkg.sv):
//   w0: op[7:0] flags[15:8] addr0[31:16] addr1[47:32] addr2[63:48]
//   w1: dram_addr[31:0] len0[47:32] len1[63:48]
//   w2: len2[15:0] elem_stride[31:16] vec_stride[63:32]
// flags: bit0 buffer (LOAD) / accumulate (COMPUTE), bit1 keep_weights, bit2 weight-stationary.
// LOAD/STORE: addr0 = spad_addr, len0 = count, len1 = vec_len; LOAD: addr1 = wrap_len,
// addr2 = wrap_start, len2 = wrap_stride.
// COMPUTE: addr0 = a, addr1 = b, addr2 = acc, len0 = m, len1 = n, len2 = k.
EncodedCommand encode(const Command& c) {
  std::uint64_t flags = 0, addr0 = 0, addr1 = 0, addr2 = 0, len0 = 0, len1 = 0, len2 = 0;
  std::uint64_t dram = 0, es = 0, vs = 0;
  switch (c.op) {
    case Opcode::kLoad:
    case Opcode::kStore:
      flags = c.op == Opcode::kLoad && c.buffer == BufferId::kWeight ? 1 : 0;
      addr0 = c.spad_addr;
      dram = c.dram_addr;
      len0 = c.count;
      len1 = c.vec_len;
      es = c.elem_stride;
      vs = c.vec_stride;
      if (c.op == Opcode::kLoad) {
        addr1 = c.wrap_len;
        addr2 = c.wrap_start;
        len2 = c.wrap_stride;
      }
      break;
    case Opcode::kCompute:
      flags = (c.accumulate ? 1u : 0u) | (c.keep_weights ? 2u : 0u) |
              (c.dataflow == Dataflow::kWeightStationary ? 4u : 0u);
      addr0 = c.a_addr;
      addr1 = c.b_addr;
      addr2 = c.acc_addr;
      len0 = c.m;
      len1 = c.n;
      len2 = c.k;
      break;
    case Opcode::kSync:
      break;
  }
  auto f16 = [](std::uint64_t v) { return v & 0xFFFFu; };
  return {static_cast<std::uint64_t>(c.op) | (flags & 0xFF) << 8 | f16(addr0) << 16 |
              f16(addr1) << 32 | f16(addr2) << 48,
          (dram & 0xFFFFFFFFu) | f16(len0) << 32 | f16(len1) << 48,
          f16(len2) | f16(es) << 16 | (vs & 0xFFFFFFFFu) << 32};
}

Command decode(const EncodedCommand& w) {
  Command c;
  c.op = static_cast<Opcode>(w[0] & 0xFF);
  const std::uint32_t flags = (w[0] >> 8) & 0xFF;
  const std::uint32_t addr0 = (w[0] >> 16) & 0xFFFF, addr1 = (w[0] >> 32) & 0xFFFF,
                      addr2 = (w[0] >> 48) & 0xFFFF;
  const std::uint32_t len0 = (w[1] >> 32) & 0xFFFF, len1 = (w[1] >> 48) & 0xFFFF,
                      len2 = w[2] & 0xFFFF;
  switch (c.op) {
    case Opcode::kLoad:
    case Opcode::kStore:
      c.buffer = c.op == Opcode::kLoad && (flags & 1) ? BufferId::kWeight : BufferId::kInput;
      c.spad_addr = addr0;
      c.dram_addr = static_cast<std::uint32_t>(w[1] & 0xFFFFFFFFu);
      c.count = len0;
      c.vec_len = len1;
      c.elem_stride = (w[2] >> 16) & 0xFFFF;
      c.vec_stride = static_cast<std::uint32_t>(w[2] >> 32);
      if (c.op == Opcode::kLoad) {
        c.wrap_len = addr1;
        c.wrap_start = addr2;
        c.wrap_stride = len2;
      }
      break;
    case Opcode::kCompute:
      c.accumulate = flags & 1;
      c.keep_weights = flags & 2;
      c.dataflow = (flags & 4) ? Dataflow::kWeightStationary : Dataflow::kOutputStationary;
      c.a_addr = addr0;
      c.b_addr = addr1;
      c.acc_addr = addr2;
      c.m = len0;
      c.n = len1;
      c.k = len2;
      break;
    case Opcode::kSync:
      break;
    default:
      throw std::invalid_argument("decode: unknown opcode " + std::to_string(w[0] & 0xFF));
  }
  return c;
}

namespace {

std::string span_check(const char* what, std::uint32_t addr, std::uint32_t count, int entries) {
  if (static_cast<std::uint64_t>(addr) + count > static_cast<std::uint64_t>(entries))
    return std::string(what) + " vectors [" + std::to_string(addr) + ", " +
           std::to_string(addr + count) + ") exceed the buffer's " + std::to_string(entries) +
           " entries";
  return "";
}

}  // namespace

std::string check_command(const Command& c, const BuildConfig& b) {
  switch (c.op) {
    case Opcode::kSync:
      return "";
    case Opcode::kLoad:
    case Opcode::kStore: {
      const bool store = c.op == Opcode::kStore;
      const bool weight = !store && c.buffer == BufferId::kWeight;
      const int lanes = store || weight ? b.cols : b.rows;
      const int entries = store ? b.acc_entries() : weight ? b.weight_entries() : b.input_entries();
      if (c.count < 1 || c.count > kMaxCount) return "count must be in [1, 65535]";
      if (c.vec_len < 1 || c.vec_len > static_cast<std::uint32_t>(lanes))
        return "vec_len must be in [1, " + std::to_string(lanes) + "]";
      if (c.elem_stride > kMaxElemStride) return "elem_stride must be <= 65535";
      if (c.wrap_len > kMaxCount || c.wrap_stride > kMaxElemStride)
        return "wrap_len and wrap_stride must be <= 65535";
      if (c.wrap_len > 0 && c.wrap_start >= c.wrap_len) return "wrap_start must be < wrap_len";
      if (c.wrap_len == 0 && (c.wrap_start != 0 || c.wrap_stride != 0))
        return "wrap_start and wrap_stride need wrap_len";
      return span_check(store    ? "accumulator"
                        : weight ? "weight"
                                 : "input",
                        c.spad_addr, c.count, entries);
    }
    case Opcode::kCompute: {
      if (!b.supports(c.dataflow))
        return std::string("dataflow ") + to_string(c.dataflow) + " is not built into this RTL";
      if (c.n < 1 || c.n > static_cast<std::uint32_t>(b.cols))
        return "n must be in [1, " + std::to_string(b.cols) + "]";
      const bool os = c.dataflow == Dataflow::kOutputStationary;
      // OS: m rows of the array, k streamed. WS: k rows of the array, m streamed.
      const std::uint32_t spatial = os ? c.m : c.k, streamed = os ? c.k : c.m;
      if (spatial < 1 || spatial > static_cast<std::uint32_t>(b.rows))
        return std::string(os ? "m" : "k") + " must be in [1, " + std::to_string(b.rows) + "]";
      if (streamed < 1 || streamed > kMaxCount)
        return std::string(os ? "k" : "m") + " must be in [1, 65535]";
      // Input vectors: one per streamed step; weight vectors: k; accumulator vectors: m.
      std::string r = span_check("input", c.a_addr, streamed, b.input_entries());
      if (r.empty() && !(!os && c.keep_weights))
        r = span_check("weight", c.b_addr, c.k, b.weight_entries());
      if (r.empty()) r = span_check("accumulator", c.acc_addr, c.m, b.acc_entries());
      return r;
    }
  }
  return "unknown opcode";
}

void check_program(const Program& p, const BuildConfig& b) {
  for (std::size_t i = 0; i < p.size(); ++i) {
    const std::string r = check_command(p[i], b);
    if (!r.empty()) throw std::invalid_argument("program[" + std::to_string(i) + "]: " + r);
  }
}

nlohmann::json to_json(const Command& c) {
  switch (c.op) {
    case Opcode::kLoad:
    case Opcode::kStore: {
      nlohmann::json j = {{"op", c.op == Opcode::kLoad ? "load" : "store"},
                          {"buffer", c.op == Opcode::kStore          ? "accumulator"
                                     : c.buffer == BufferId::kWeight ? "weight"
                                                                     : "input"},
                          {"spad_addr", c.spad_addr},
                          {"dram_addr", c.dram_addr},
                          {"count", c.count},
                          {"vec_len", c.vec_len},
                          {"elem_stride", c.elem_stride},
                          {"vec_stride", c.vec_stride}};
      if (c.wrap_len > 0) {
        j["wrap_len"] = c.wrap_len;
        j["wrap_start"] = c.wrap_start;
        j["wrap_stride"] = c.wrap_stride;
      }
      return j;
    }
    case Opcode::kCompute:
      return {{"op", "compute"},
              {"dataflow", to_string(c.dataflow)},
              {"a_addr", c.a_addr},
              {"b_addr", c.b_addr},
              {"acc_addr", c.acc_addr},
              {"m", c.m},
              {"n", c.n},
              {"k", c.k},
              {"accumulate", c.accumulate},
              {"keep_weights", c.keep_weights}};
    case Opcode::kSync:
      break;
  }
  return {{"op", "sync"}};
}

Command command_from_json(const nlohmann::json& j, const std::string& path) {
  util::JsonObject o(j, path);
  const std::string op = o.choice("op", {"load", "store", "compute", "sync"});
  Command c;
  auto u32 = [&](const char* key, std::int64_t max) {
    return static_cast<std::uint32_t>(o.integer(key, 0, max));
  };
  if (op == "load" || op == "store") {
    const std::string buf =
        o.choice_or("buffer", op == "store" ? "accumulator" : "input",
                    op == "store" ? std::vector<std::string>{"accumulator"}
                                  : std::vector<std::string>{"input", "weight"});
    c = Command::load(buf == "weight" ? BufferId::kWeight : BufferId::kInput,
                      u32("spad_addr", kMaxSpadAddr), u32("dram_addr", 0xFFFFFFFFLL),
                      u32("count", kMaxCount), u32("vec_len", 0xFFFF),
                      u32("elem_stride", kMaxElemStride), u32("vec_stride", 0xFFFFFFFFLL));
    if (op == "store") c.op = Opcode::kStore;
    auto wrap = [&](const char* key) {
      return static_cast<std::uint32_t>(o.integer_or(key, 0, 0, 0xFFFF));
    };
    if (op == "load") c = c.wrapped(wrap("wrap_len"), wrap("wrap_start"), wrap("wrap_stride"));
  } else if (op == "compute") {
    const Dataflow df = o.choice("dataflow", {"os", "ws"}) == "ws" ? Dataflow::kWeightStationary
                                                                   : Dataflow::kOutputStationary;
    c = Command::compute(df, u32("a_addr", kMaxSpadAddr), u32("b_addr", kMaxSpadAddr),
                         u32("acc_addr", kMaxSpadAddr), u32("m", 0xFFFF), u32("n", 0xFFFF),
                         u32("k", 0xFFFF), o.boolean_or("accumulate", false),
                         o.boolean_or("keep_weights", false));
  }
  o.finish();
  return c;
}

nlohmann::json to_json(const Program& p) {
  nlohmann::json a = nlohmann::json::array();
  for (const auto& c : p) a.push_back(to_json(c));
  return a;
}

Program program_from_json(const nlohmann::json& j, const std::string& path) {
  if (!j.is_array()) throw util::ConfigError(path + ": expected an array of commands");
  Program p;
  for (std::size_t i = 0; i < j.size(); ++i)
    p.push_back(command_from_json(j[i], path + "[" + std::to_string(i) + "]"));
  return p;
}

}  // namespace codesign::arch
