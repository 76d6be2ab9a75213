#include "mapping/workload.hpp"

#include <gtest/gtest.h>

#include "util/json_reader.hpp"

using namespace codesign::mapping;

namespace {

Workload load(const std::string& name) {
  return load_workload(std::string(CODESIGN_SOURCE_DIR) + "/configs/workloads/" + name);
}

// out*out*k*c*r*r for a square convolution.
std::uint64_t conv(std::uint64_t out, std::uint64_t k, std::uint64_t c, std::uint64_t r) {
  return out * out * k * c * r * r;
}

}  // namespace

TEST(Workload, ConvOutputShapeFollowsStridePaddingDilation) {
  Layer l;
  l.h = 10;
  l.w = 7;
  l.r = 3;
  l.s = 2;
  l.stride = 2;
  l.padding = 1;
  l.dilation = 2;
  EXPECT_EQ(l.p(), (10 + 2 - 4 - 1) / 2 + 1);
  EXPECT_EQ(l.q(), (7 + 2 - 2 - 1) / 2 + 1);
}

TEST(Workload, PaddingMacsCountsTapsInThePadding) {
  Layer l;  // 3x3 input, 3x3 filter, padding 1: 3x3 outputs
  l.h = l.w = 3;
  l.r = l.s = 3;
  l.padding = 1;
  // Per axis: output 0 tap 0 and output 2 tap 2 are padded: 2 of 9 (o, t) pairs.
  // Unpadded (h, w) pairs: 7 * 7 = 49 of 81.
  EXPECT_EQ(l.padding_macs(), 81u - 49u);
  l.padding = 0;
  l.h = l.w = 5;
  EXPECT_EQ(l.padding_macs(), 0u);
}

TEST(Workload, ResNet50MatchesHandCount) {
  const Workload w = load("resnet50.json");
  std::uint64_t hand = conv(112, 64, 3, 7) + 2048 * 1000;
  // Stage (input width, output width, mid, out, blocks, channels entering the stage).
  struct Stage {
    std::uint64_t in, out, mid, wide, blocks, cin;
  };
  for (const Stage& s : {Stage{56, 56, 64, 256, 3, 64}, Stage{56, 28, 128, 512, 4, 256},
                         Stage{28, 14, 256, 1024, 6, 512}, Stage{14, 7, 512, 2048, 3, 1024}}) {
    hand += conv(s.in, s.mid, s.cin, 1) + conv(s.out, s.mid, s.mid, 3) +
            conv(s.out, s.wide, s.mid, 1) + conv(s.out, s.wide, s.cin, 1);
    hand += (s.blocks - 1) * (conv(s.out, s.mid, s.wide, 1) + conv(s.out, s.mid, s.mid, 3) +
                              conv(s.out, s.wide, s.mid, 1));
  }
  EXPECT_EQ(w.total_macs(), hand);
  EXPECT_EQ(w.total_macs(), 4089184256u);  // torchvision's 4.09 GMAC
  EXPECT_EQ(w.layers.size(), 30u);
}

TEST(Workload, DqnMatchesHandCount) {
  const Workload w = load("dqn.json");
  ASSERT_EQ(w.layers.size(), 5u);
  EXPECT_EQ(w.layers[0].p(), 20);
  EXPECT_EQ(w.layers[1].p(), 9);
  EXPECT_EQ(w.layers[2].p(), 7);
  EXPECT_EQ(w.total_macs(),
            conv(20, 32, 4, 8) + conv(9, 64, 32, 4) + conv(7, 64, 64, 3) + 3136u * 512 + 512u * 18);
}

TEST(Workload, MlpMatchesHandCount) {
  const Workload w = load("mlp.json");
  EXPECT_EQ(w.total_macs(), 64u * (784 * 1024 + 2 * 1024 * 1024 + 1024 * 10));
}

TEST(Workload, TransformerMatchesHandCount) {
  for (const std::uint64_t seq : {128u, 512u}) {
    const Workload w = load("bert_base_seq" + std::to_string(seq) + ".json");
    const std::uint64_t proj = 4 * seq * 768 * 768, attn = 2 * 12 * seq * seq * 64,
                        ffn = 2 * seq * 768 * 3072;
    EXPECT_EQ(w.total_macs(), proj + attn + ffn) << seq;
  }
}

TEST(Workload, MatmulIsAGroupedConvolution) {
  const Layer l = layer_from_json(
      {{"name", "bmm"}, {"type", "matmul"}, {"batch", 3}, {"m", 5}, {"k", 7}, {"n", 2}}, "t");
  EXPECT_EQ(l.groups, 3);
  EXPECT_EQ(l.c_per_group(), 7);
  EXPECT_EQ(l.k_per_group(), 2);
  EXPECT_EQ(l.p(), 5);
  EXPECT_EQ(l.q(), 1);
  EXPECT_EQ(l.macs(), 3u * 5 * 7 * 2);
  EXPECT_EQ(layer_from_json(to_json(l), "t").macs(), l.macs());
}

TEST(Workload, RejectsBadInputNamingFileAndKey) {
  auto error_of = [](const nlohmann::json& j) -> std::string {
    try {
      workload_from_json(j, "net.json");
    } catch (const codesign::util::ConfigError& e) {
      return e.what();
    }
    return "";
  };
  nlohmann::json conv = {{"name", "c"}, {"type", "conv2d"}, {"c", 4}, {"h", 8},
                         {"w", 8},      {"k", 4},           {"r", 3}, {"s", 3}};
  EXPECT_EQ(error_of({{"name", "n"}, {"layers", {conv}}}), "");
  nlohmann::json bad = conv;
  bad["kernel"] = 3;
  EXPECT_NE(error_of({{"name", "n"}, {"layers", {bad}}}).find("net.json: layers[0].kernel"),
            std::string::npos);
  bad = conv;
  bad["k"] = 0;
  EXPECT_NE(error_of({{"name", "n"}, {"layers", {bad}}}).find("layers[0].k"), std::string::npos);
  bad = conv;
  bad["groups"] = 3;
  EXPECT_NE(error_of({{"name", "n"}, {"layers", {bad}}}).find("groups"), std::string::npos);
  bad = conv;
  bad["r"] = 20;
  EXPECT_NE(error_of({{"name", "n"}, {"layers", {bad}}}).find("larger than"), std::string::npos);
  EXPECT_NE(error_of({{"name", "n"}, {"layers", nlohmann::json::array()}}), "");
}

TEST(Workload, FlattensOnlyPointwiseLayers) {
  Layer l;
  l.name = "pw";
  l.c = l.k = 8;
  l.h = l.w = 7;
  const Layer f = flattened(l);
  EXPECT_EQ(f.p(), 1);
  EXPECT_EQ(f.q(), 49);
  EXPECT_EQ(f.macs(), l.macs());
  l.stride = 2;
  EXPECT_EQ(flattened(l).h, 7);
  l.stride = 1;
  l.r = l.s = 3;
  l.padding = 1;
  EXPECT_EQ(flattened(l).h, 7);
}

namespace {

std::string workload_error(const nlohmann::json& j) {
  try {
    workload_from_json(j, "net.json");
  } catch (const codesign::util::ConfigError& e) {
    return e.what();
  }
  return "";
}

nlohmann::json one_layer(const nlohmann::json& layer) {
  return {{"name", "n"}, {"layers", {layer}}};
}

}  // namespace

TEST(Workload, DerivedSizesAreCheckedIn64BitsNamingTheKey) {
  // dilation × (r − 1) = 65536 × 65536 overflows int: refused, not run.
  const nlohmann::json dilated = {{"name", "d"}, {"type", "conv2d"}, {"c", 1},
                                  {"h", 1},      {"w", 1},           {"k", 1},
                                  {"r", 65537},  {"s", 1},           {"dilation", 65536}};
  EXPECT_EQ(workload_error(one_layer(dilated)),
            "net.json: layers[0].r: the dilated filter, dilation × (r − 1) + 1 = 4294967297, "
            "is larger than the padded input, h + 2 × padding = 1");
  // A batched matmul's batch × k beyond the channel limit names k, not a negative c.
  const nlohmann::json matmul = {{"name", "m"}, {"type", "matmul"}, {"batch", 65536},
                                 {"m", 1},      {"k", 32768},       {"n", 1}};
  EXPECT_EQ(workload_error(one_layer(matmul)),
            "net.json: layers[0].k: batch × k = 2147483648 exceeds 1048576");
  // Tensors beyond 2^31 − 1 elements and MACs beyond 2^50 are refused.
  const nlohmann::json wide = {{"name", "w"}, {"type", "conv2d"}, {"c", 1 << 20}, {"h", 64},
                               {"w", 64},     {"k", 1},           {"r", 1},       {"s", 1}};
  EXPECT_NE(workload_error(one_layer(wide)).find("layers[0]: the input tensor"), std::string::npos);
  // Each tensor about 2^30 elements, but 1024 × 1024 outputs × 1024 channels × 33 × 33 taps.
  const nlohmann::json big = {{"name", "b"}, {"type", "conv2d"}, {"c", 1024},
                              {"h", 1024},   {"w", 1024},        {"k", 1024},
                              {"r", 33},     {"s", 33},          {"padding", 16}};
  EXPECT_EQ(workload_error(one_layer(big)),
            "net.json: layers[0]: 1197368162648064 multiply-accumulates exceed 2^50");
  nlohmann::json repeated = {{"name", "f"},   {"type", "fc"},   {"batch", 1 << 10},
                             {"in", 1 << 15}, {"out", 1 << 15}, {"repeat", 1 << 11}};
  EXPECT_NE(workload_error(one_layer(repeated)).find("layers[0].repeat:"), std::string::npos);
  // ... and so is a workload whose layers together exceed 2^50.
  repeated["repeat"] = 1 << 9;
  nlohmann::json many = {{"name", "n"}, {"layers", nlohmann::json::array()}};
  for (int i = 0; i < 3; ++i) {
    repeated["name"] = "f" + std::to_string(i);
    many["layers"].push_back(repeated);
  }
  EXPECT_NE(workload_error(many).find("layers[2]: the workload's multiply-accumulates"),
            std::string::npos);
}

TEST(Workload, PaddingMacsMatchesABruteForceCount) {
  // The closed form against counting every (output, tap) pair, over strides and dilations.
  for (int stride = 1; stride <= 3; ++stride)
    for (int dilation = 1; dilation <= 3; ++dilation)
      for (int padding = 0; padding <= 4; ++padding) {
        Layer l;
        l.h = 9;
        l.w = 6;
        l.r = 3;
        l.s = 2;
        l.stride = stride;
        l.dilation = dilation;
        l.padding = padding;
        auto taps = [&](int out, int n, int in) {
          std::uint64_t c = 0;
          for (int o = 0; o < out; ++o)
            for (int t = 0; t < n; ++t) {
              const int x = o * stride + t * dilation - padding;
              c += x < 0 || x >= in;
            }
          return c;
        };
        const std::uint64_t ph = taps(l.p(), l.r, l.h), pw = taps(l.q(), l.s, l.w);
        const std::uint64_t ah = std::uint64_t(l.p()) * l.r, aw = std::uint64_t(l.q()) * l.s;
        EXPECT_EQ(l.padding_macs(), ph * aw + pw * ah - ph * pw)
            << stride << " " << dilation << " " << padding;
      }
}

TEST(Workload, LayerNamesAreUniqueAndPrintable) {
  const nlohmann::json fc = {{"name", "fc1"}, {"type", "fc"}, {"in", 4}, {"out", 4}};
  nlohmann::json w = {{"name", "n"}, {"layers", {fc, fc}}};
  w["layers"][1]["name"] = "fc2";
  EXPECT_EQ(workload_error(w), "");
  w["layers"].push_back(fc);
  EXPECT_EQ(workload_error(w),
            "net.json: layers[2].name: \"fc1\" is also the name of layers[0]; layer names must "
            "be unique");
  w["layers"][2]["name"] = "fc\x1b[31m";
  EXPECT_NE(workload_error(w).find("layers[2].name: expected a string without control"),
            std::string::npos);
  w["layers"][2]["name"] = "";
  EXPECT_EQ(workload_error(w), "net.json: layers[2].name: expected a non-empty name");
}

TEST(Workload, UnknownKeyHintListsEveryKeyOfTheLayerType) {
  const nlohmann::json conv = {{"name", "c"}, {"type", "conv2d"}, {"c", 4}, {"h", 8},    {"w", 8},
                               {"k", 4},      {"r", 3},           {"s", 3}, {"group", 2}};
  EXPECT_EQ(workload_error(one_layer(conv)),
            "net.json: layers[0].group: unknown key (known here: c, dilation, groups, h, k, n, "
            "name, padding, r, repeat, s, stride, type, w)");
  const nlohmann::json matmul = {{"name", "m"}, {"type", "matmul"}, {"m", 4},
                                 {"k", 4},      {"n", 4},           {"groups", 2}};
  EXPECT_EQ(workload_error(one_layer(matmul)),
            "net.json: layers[0].groups: unknown key (known here: batch, k, m, n, name, repeat, "
            "type)");
}

TEST(Workload, MobileNetV1MatchesThePaper) {
  // Howard et al. 2017, Table 1/8: 569 million multiply-adds; 13 depthwise layers.
  const Workload w = load("mobilenet_v1.json");
  EXPECT_EQ(w.total_macs(), 568740352u);
  int depthwise = 0;
  for (const Layer& l : w.layers) depthwise += l.groups > 1 && l.groups == l.c && l.groups == l.k;
  EXPECT_EQ(depthwise, 13);
}
