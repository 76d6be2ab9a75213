#include "importer/workload_source.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>

#include "importer/onnx_import.hpp"

namespace codesign::importer {

bool is_onnx_file(const std::string& file) {
  std::string ext = std::filesystem::path(file).extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return ext == ".onnx";
}

mapping::Workload load_workload_file(const std::string& file) {
  return is_onnx_file(file) ? import_onnx(file).workload : mapping::load_workload(file);
}

}  // namespace codesign::importer
