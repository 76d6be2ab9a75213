// The one check every command makes of the files it will write, before it reads or runs
// anything: an output is never one of its inputs (the study included), never another
// output, never an existing symlink, FIFO, device, socket or directory, and its directory
// is writable. Together with write_file_atomic (which replaces only regular files) this
// makes "a command destroyed its own input" impossible rather than unlikely.
#pragma once

#include <string>
#include <vector>

namespace codesign::util {

// A path given on the command line, with the option that named it ("--out").
struct PathArg {
  std::string option;
  std::string path;
};

// Throws ConfigError naming the option and the path at the first violation. `outputs` are
// files (replaced atomically); `output_dirs` are directories that must not exist or be
// empty. Empty paths in `inputs` are skipped (options not given); an empty output path is
// refused: pass only the outputs that were asked for.
void check_output_paths(const std::vector<PathArg>& inputs, const std::vector<PathArg>& outputs,
                        const std::vector<PathArg>& output_dirs = {});

// "a directory", "a symbolic link", "a FIFO", ... for what is at `path` (the link itself
// unless `follow_symlinks`); "" if nothing is there, "a regular file" for one.
std::string file_kind(const std::string& path, bool follow_symlinks = false);

}  // namespace codesign::util
