#include "tb/mapped_layer.hpp"

#include "mapping/compiler.hpp"
#include "mapping/host_data.hpp"
#include "mapping/patch_lowering.hpp"

namespace codesign::tb {

std::vector<MappedLayerResult> run_mapped_layers(const arch::HwConfig& hw,
                                                 const std::vector<MappedLayer>& layers,
                                                 const systemc::BuildCache& cache,
                                                 const MappedRunOptions& options) {
  std::vector<systemc::RtlJob> jobs;
  std::vector<mapping::DramLayout> layouts;
  std::vector<std::vector<std::uint64_t>> golden;
  for (const MappedLayer& ml : layers) {
    const mapping::CompiledLayer compiled = mapping::compile(hw.build, ml.layer, ml.mapping);
    const mapping::LayerTensors tensors =
        mapping::random_tensors(ml.layer, hw.build.data_width, ml.seed);
    // A patch mapping runs the lowered layer on the lowered tensors; its outputs are checked
    // against the depthwise layer's golden outputs.
    const int patch = ml.mapping.patch;
    const mapping::Layer run_layer = mapping::executed(ml.layer, ml.mapping).layer;
    systemc::RtlJob job;
    job.program = compiled.program;
    job.dram = mapping::dram_image(
        compiled.layout, run_layer,
        patch == 1 ? tensors : mapping::patch_tensors(ml.layer, patch, tensors));
    job.dumps = {{0, static_cast<std::uint32_t>(job.dram.size())}};
    job.stall_probability = options.stall_probability;
    job.seed = ml.seed;
    job.max_cycles = options.max_cycles;
    jobs.push_back(std::move(job));
    layouts.push_back(compiled.layout);
    golden.push_back(mapping::golden_outputs(ml.layer, tensors, hw.build.acc_width));
  }
  const systemc::RtlRun run = systemc::run_rtl(cache, hw, jobs, options.run);

  std::vector<MappedLayerResult> results(layers.size());
  for (std::size_t i = 0; i < layers.size(); ++i) {
    MappedLayerResult& r = results[i];
    if (i >= run.jobs.size()) {
      r.status = run.status;
      r.reason = run.reason;
      continue;
    }
    const systemc::RtlJobResult& j = run.jobs[i];
    r.status = j.status;
    r.reason = j.reason;
    r.counts = j.counts;
    if (j.status != systemc::RtlStatus::kOk) continue;
    const mapping::Layer& l = layers[i].layer;
    const int patch = layers[i].mapping.patch;
    auto got = mapping::read_outputs(layouts[i], mapping::executed(l, layers[i].mapping).layer,
                                     j.dumps.at(0));
    if (patch != 1) got = mapping::outputs_from_patches(l, patch, got);
    const auto& want = golden[i];
    r.outputs = want.size();
    for (std::size_t e = 0; e < want.size(); ++e)
      if (e >= got.size() || got[e] != want[e]) {
        if (r.mismatches++ == 0)
          r.reason = "output " + std::to_string(e) + ": got " +
                     (e < got.size() ? std::to_string(got[e]) : "nothing") + ", want " +
                     std::to_string(want[e]);
      }
  }
  return results;
}

}  // namespace codesign::tb
