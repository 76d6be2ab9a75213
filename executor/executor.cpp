#include "executor/executor.hpp"

#include "executor/job_dir.hpp"

#include <stdexcept>

namespace codesign::executor {

const char* to_string(EndKind kind) {
  switch (kind) {
    case EndKind::done:
      return "done";
    case EndKind::failed:
      return "failed";
    case EndKind::cancelled:
      return "cancelled";
    case EndKind::timed_out:
      return "timed_out";
    case EndKind::lost:
      return "lost";
  }
  return "unknown";
}

JobEnd collected_end(const std::string& dir) {
  JobEnd end;
  end.dir = dir;
  end.kind = EndKind::done;
  end.collected = true;
  if (const auto s = read_submission(dir)) {
    end.where.executor = s->executor;
    end.where.job_id = s->job_id;
  }
  try {
    if (const auto r = read_result(dir)) {
      end.where.host = r->host;
      end.where.wall_s = r->wall_s;
      end.where.started = r->started;
    }
  } catch (const std::runtime_error& e) {
    end.kind = EndKind::failed;
    end.reason = e.what();
  }
  return end;
}

JobEnd end_after_exit(const std::string& dir, const std::string& reason, Placement where) {
  JobEnd end;
  end.dir = dir;
  end.where = std::move(where);
  end.kind = EndKind::failed;
  try {
    if (const auto r = read_result(dir)) {
      end.kind = EndKind::done;
      if (end.where.host.empty()) end.where.host = r->host;
      end.where.wall_s = r->wall_s;
      end.where.started = r->started;
      return end;
    }
  } catch (const std::runtime_error& e) {
    end.reason = e.what();
    return end;
  }
  end.reason = reason;
  const std::string said = last_log_line(dir);
  if (!said.empty()) end.reason += ": " + said;
  return end;
}

std::vector<JobEnd> cancelled_before_start(const std::deque<std::string>& queued,
                                           const std::string& executor) {
  std::vector<JobEnd> ends;
  for (const std::string& dir : queued) {
    JobEnd end;
    end.dir = dir;
    end.kind = EndKind::cancelled;
    end.reason = "cancelled before it started";
    end.where.executor = executor;
    ends.push_back(std::move(end));
  }
  return ends;
}

}  // namespace codesign::executor
