#include "tb/golden.hpp"

#include "mapping/host_data.hpp"

namespace codesign::tb {

std::int64_t wrap(std::int64_t v, int acc_width) {
  const std::uint64_t mask = acc_width >= 64 ? ~0ULL : (1ULL << acc_width) - 1;
  const std::uint64_t u = static_cast<std::uint64_t>(v) & mask;
  const std::uint64_t sign = 1ULL << (acc_width - 1);
  return static_cast<std::int64_t>((u ^ sign) - sign);
}

IntMatrix gemm_golden(const IntMatrix& a, const IntMatrix& b, int acc_width) {
  // Operands are at most 16 bits, so int64 sums of up to 2^31 products cannot overflow.
  IntMatrix c = a * b;
  return c.unaryExpr([acc_width](std::int64_t v) { return wrap(v, acc_width); });
}

std::vector<std::int64_t> conv_golden(const ConvShape& sh, const std::vector<std::int64_t>& input,
                                      const std::vector<std::int64_t>& weights, int acc_width) {
  // The same tensor layouts as mapping's golden model with one image and one group.
  mapping::Layer l;
  l.name = "golden";
  l.c = sh.c;
  l.k = sh.k;
  l.h = sh.h;
  l.w = sh.w;
  l.r = sh.r;
  l.s = sh.s;
  l.stride = sh.stride;
  l.padding = sh.pad;
  l.dilation = sh.dilation;
  const std::vector<std::uint64_t> sums = mapping::golden_outputs(l, {input, weights}, acc_width);
  std::vector<std::int64_t> out(sums.size());
  for (std::size_t i = 0; i < sums.size(); ++i)
    out[i] = wrap(static_cast<std::int64_t>(sums[i]), acc_width);
  return out;
}

}  // namespace codesign::tb
