#include "cli/import_command.hpp"

#include <cstdio>
#include <memory>

#include "cli/options.hpp"
#include "importer/onnx_import.hpp"
#include "util/atomic_file.hpp"

namespace codesign::cli {

namespace {

struct ImportOptions {
  std::string model_file, out_file;
  std::vector<std::string> inputs;
  int batch = 0;
  std::vector<util::PathArg> input_paths, output_paths;  // as given on the command line
};

ExitCode run_import(const ImportOptions& o) {
  util::check_output_paths(o.input_paths, o.output_paths);
  importer::ShapeOptions shapes;
  for (const std::string& text : o.inputs)
    shapes.inputs.push_back(importer::parse_input_shape(text));
  shapes.batch = o.batch;
  const importer::ImportResult r = importer::import_onnx(o.model_file, shapes);
  util::write_file_atomic(o.out_file, mapping::to_json(r.workload).dump(2) + "\n");
  std::printf("codesign import: %s -> %s\n%s", o.model_file.c_str(), o.out_file.c_str(),
              importer::summary(r).c_str());
  return kSuccess;
}

}  // namespace

void add_import_command(CLI::App& app, Command& command) {
  auto o = std::make_shared<ImportOptions>();
  CLI::App* cmd = app.add_subcommand(
      "import",
      "A network from an ONNX model as a workload: Conv, Gemm and MatMul nodes become layers "
      "(identical ones merged into repeat); every other operator is listed, with its element "
      "count, as work the PE array does not run. Weight-stripped models are accepted.");
  const CLI::Option* model = cmd->add_option("model", o->model_file, "ONNX model (.onnx)")
                                 ->required()
                                 ->check(CLI::ExistingFile);
  const CLI::Option* out =
      cmd->add_option("--out", o->out_file, "workload JSON to write")->required();
  cmd->add_option("--input", o->inputs,
                  "an input's shape, NAME=D1xD2x... (e.g. image=1x3x224x224); repeatable; "
                  "needed for every input with a dynamic dimension");
  cmd->add_option("--batch", o->batch, "dimension 0 of every input not given by --input")
      ->check(CLI::Range(1, 1 << 20));
  cmd->callback([o, model, out, &command] {
    o->input_paths = paths_given({model});
    o->output_paths = paths_given({out});
    command = [o] { return run_import(*o); };
  });
}

}  // namespace codesign::cli
