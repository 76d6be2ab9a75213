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

// Field use per opcode (layout: kCommandFields):
// LOAD/STORE: addr0 = spad_addr, len0 = count, len1 = vec_len; LOAD: addr1 = wrap_len,
// addr2 = wrap_start, len2 = wrap_stride.
// COMPUTE: addr0 = a, addr1 = b, addr2 = acc, len0 = m, len1 = n, len2 = k.
namespace {

constexpr bool fields_within_words() {
  for (const CommandField& f : kCommandFields)
    if (f.width >= 64 || f.lsb / 64 != (f.lsb + f.width - 1) / 64) return false;
  return true;
}
static_assert(fields_within_words(), "put_field and get_field read one word per field");

void put_field(EncodedCommand& w, const CommandField& f, std::uint64_t value) {
  w[f.lsb / 64] |= (value & ((std::uint64_t{1} << f.width) - 1)) << (f.lsb % 64);
}

std::uint32_t get_field(const EncodedCommand& w, const CommandField& f) {
  return static_cast<std::uint32_t>((w[f.lsb / 64] >> (f.lsb % 64)) &
                                    ((std::uint64_t{1} << f.width) - 1));
}

std::uint64_t flag_bit(bool set, unsigned index) { return set ? std::uint64_t{1} << index : 0; }

}  // namespace

EncodedCommand encode(const Command& c) {
  EncodedCommand w{0, 0, 0};
  put_field(w, kFieldOp, static_cast<std::uint64_t>(c.op));
  switch (c.op) {
    case Opcode::kLoad:
    case Opcode::kStore:
      put_field(
          w, kFieldFlags,
          flag_bit(c.op == Opcode::kLoad && c.buffer == BufferId::kWeight, kFlagWeightBuffer));
      put_field(w, kFieldAddr0, c.spad_addr);
      put_field(w, kFieldDramAddr, c.dram_addr);
      put_field(w, kFieldLen0, c.count);
      put_field(w, kFieldLen1, c.vec_len);
      put_field(w, kFieldElemStride, c.elem_stride);
      put_field(w, kFieldVecStride, c.vec_stride);
      if (c.op == Opcode::kLoad) {
        put_field(w, kFieldAddr1, c.wrap_len);
        put_field(w, kFieldAddr2, c.wrap_start);
        put_field(w, kFieldLen2, c.wrap_stride);
      }
      break;
    case Opcode::kCompute:
      put_field(w, kFieldFlags,
                flag_bit(c.accumulate, kFlagAccumulate) |
                    flag_bit(c.keep_weights, kFlagKeepWeights) |
                    flag_bit(c.dataflow == Dataflow::kWeightStationary, kFlagWeightStationary));
      put_field(w, kFieldAddr0, c.a_addr);
      put_field(w, kFieldAddr1, c.b_addr);
      put_field(w, kFieldAddr2, c.acc_addr);
      put_field(w, kFieldLen0, c.m);
      put_field(w, kFieldLen1, c.n);
      put_field(w, kFieldLen2, c.k);
      break;
    case Opcode::kSync:
      break;
  }
  return w;
}

Command decode(const EncodedCommand& w) {
  Command c;
  c.op = static_cast<Opcode>(get_field(w, kFieldOp));
  const std::uint32_t flags = get_field(w, kFieldFlags);
  const auto flag = [flags](unsigned index) { return ((flags >> index) & 1) != 0; };
  switch (c.op) {
    case Opcode::kLoad:
    case Opcode::kStore:
      c.buffer =
          c.op == Opcode::kLoad && flag(kFlagWeightBuffer) ? BufferId::kWeight : BufferId::kInput;
      c.spad_addr = get_field(w, kFieldAddr0);
      c.dram_addr = get_field(w, kFieldDramAddr);
      c.count = get_field(w, kFieldLen0);
      c.vec_len = get_field(w, kFieldLen1);
      c.elem_stride = get_field(w, kFieldElemStride);
      c.vec_stride = get_field(w, kFieldVecStride);
      if (c.op == Opcode::kLoad) {
        c.wrap_len = get_field(w, kFieldAddr1);
        c.wrap_start = get_field(w, kFieldAddr2);
        c.wrap_stride = get_field(w, kFieldLen2);
      }
      break;
    case Opcode::kCompute:
      c.accumulate = flag(kFlagAccumulate);
      c.keep_weights = flag(kFlagKeepWeights);
      c.dataflow =
          flag(kFlagWeightStationary) ? Dataflow::kWeightStationary : Dataflow::kOutputStationary;
      c.a_addr = get_field(w, kFieldAddr0);
      c.b_addr = get_field(w, kFieldAddr1);
      c.acc_addr = get_field(w, kFieldAddr2);
      c.m = get_field(w, kFieldLen0);
      c.n = get_field(w, kFieldLen1);
      c.k = get_field(w, kFieldLen2);
      break;
    case Opcode::kSync:
      break;
    default:
      throw std::invalid_argument("decode: unknown opcode " +
                                  std::to_string(get_field(w, kFieldOp)));
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
