// A stable 64-bit hash (FNV-1a) for naming cache entries: unlike std::hash it is the same
// across runs, compilers and platforms.
#pragma once

#include <cstdint>
#include <string>

namespace codesign::util {

inline constexpr std::uint64_t kFnv1aSeed = 1469598103934665603ULL;

// Continues hashing `data` from `h`, so several inputs can be chained.
std::uint64_t fnv1a(const std::string& data, std::uint64_t h = kFnv1aSeed);
// 16 lower-case hex digits.
std::string hex64(std::uint64_t h);

}  // namespace codesign::util
