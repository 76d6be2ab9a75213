// A throw-away single-node Slurm cluster for a test program (scripts/slurm_local.sh): started
// on free ports in a temporary directory, SLURM_CONF set for every Slurm client this process
// and its children run, stopped (jobs cancelled, daemons killed by pid) at the end.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <random>
#include <stdexcept>
#include <string>

#include "executor/command.hpp"
#include "temp_dir.hpp"

namespace codesign::executor {

class SlurmCluster {
 public:
  explicit SlurmCluster(int cpus) {
    const std::string script = std::string(CODESIGN_SOURCE_DIR) + "/scripts/slurm_local.sh";
    stop_ = {"bash", script, "stop", dir_.path()};
    const int port = free_port_pair();
    const CommandOutput out = run_command({"bash", script, "start", dir_.path(), "--cpus",
                                           std::to_string(cpus), "--port", std::to_string(port)},
                                          120);
    const std::string marker = "export SLURM_CONF=";
    const auto at = out.output.find(marker);
    if (out.exit_code != 0 || at == std::string::npos)
      throw std::runtime_error("cannot start a Slurm cluster: " + out.output);
    conf_ = out.output.substr(at + marker.size());
    conf_ = conf_.substr(0, conf_.find('\n'));
    ::setenv("SLURM_CONF", conf_.c_str(), 1);
  }
  ~SlurmCluster() { run_command(stop_, 120); }
  SlurmCluster(const SlurmCluster&) = delete;
  SlurmCluster& operator=(const SlurmCluster&) = delete;

  const std::string& conf() const { return conf_; }

 private:
  // Two consecutive free ports (slurmctld, slurmd), so that parallel test programs and other
  // clusters on the machine do not collide.
  static int free_port_pair() {
    std::mt19937 rng(static_cast<unsigned>(::getpid()));
    std::uniform_int_distribution<int> pick(30000, 39998);
    for (int attempt = 0; attempt < 100; ++attempt) {
      const int port = pick(rng);
      if (port_free(port) && port_free(port + 1)) return port;
    }
    throw std::runtime_error("no free port pair for a Slurm cluster");
  }
  static bool port_free(int port) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) return false;
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(static_cast<std::uint16_t>(port));
    a.sin_addr.s_addr = htonl(INADDR_ANY);
    const bool ok = ::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
    ::close(fd);
    return ok;
  }

  TempDir dir_;
  std::string conf_;
  std::vector<std::string> stop_;
};

}  // namespace codesign::executor
