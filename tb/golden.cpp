#include "tb/golden.hpp"

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
  const int P = sh.p(), Q = sh.q();
  std::vector<std::int64_t> out(static_cast<std::size_t>(P) * Q * sh.k, 0);
  for (int p = 0; p < P; ++p)
    for (int q = 0; q < Q; ++q)
      for (int k = 0; k < sh.k; ++k) {
        std::int64_t sum = 0;
        for (int r = 0; r < sh.r; ++r)
          for (int s = 0; s < sh.s; ++s) {
            const int h = p * sh.stride + r * sh.dilation - sh.pad;
            const int w = q * sh.stride + s * sh.dilation - sh.pad;
            if (h < 0 || h >= sh.h || w < 0 || w >= sh.w) continue;
            for (int c = 0; c < sh.c; ++c)
              sum += input[(static_cast<std::size_t>(h) * sh.w + w) * sh.c + c] *
                     weights[((static_cast<std::size_t>(r) * sh.s + s) * sh.c + c) * sh.k + k];
          }
        out[(static_cast<std::size_t>(p) * Q + q) * sh.k + k] = wrap(sum, acc_width);
      }
  return out;
}

}  // namespace codesign::tb
